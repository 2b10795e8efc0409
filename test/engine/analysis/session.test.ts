import { describe, expect, it } from 'vitest';
import {
  analyzeLap, analyzeSession, createLiveDelta, formatTip, resampleForReference, toReferenceLap, type LapInput, type ReferenceLap,
} from '../../../src/engine/analysis/index.js';
import type { ChannelName } from '../../../src/engine/model/channels.js';
import type { Trace } from '../../../src/engine/model/trace.js';
import { simSession } from './sim-session.js';

const { run, input } = simSession({ trackId: 'harbour', laps: 7, seed: 3 });
const gt = run.groundTruth;
const base = analyzeSession(input);
const timed = input.laps.filter((l) => l.lap.category === 'flying');

function withoutChannels(lap: LapInput, drop: readonly ChannelName[], dropDistance = false): LapInput {
  const channels = { ...lap.trace.channels };
  for (const name of drop) delete channels[name];
  const trace: Trace = { ...lap.trace, channels, distance: dropDistance ? new Float64Array(lap.trace.length).fill(Number.NaN) : lap.trace.distance };
  return { lap: lap.lap, trace };
}

describe('analyzeSession on a demo session (harbour, 7 laps)', () => {
  it('is deterministic and JSON-clean', () => {
    expect(analyzeSession(input)).toEqual(base);
    expect(JSON.parse(JSON.stringify(base))).toEqual(base);
    expect(base.schema).toBe('racecraft.session-analysis/1');
  });

  it('uses the best clean lap as reference and says so; tips are plain sentences with numbers', () => {
    const best = Math.min(...gt.lapTimes);
    expect(base.reference!.source).toBe('session-best');
    expect(base.reference!.lapTime).toBe(best);
    expect(base.bestLap!.time).toBe(best);
    const tips = base.lapAnalyses.flatMap((l) => l.tips);
    expect(tips.length).toBeGreaterThan(0);
    for (const tip of tips) expect(formatTip(tip)).toMatch(/^T\d+: .+: \d+\.\d\d s$/);
  });

  it('a stored reference lap survives JSON and gives the same deltas as the lap it came from', () => {
    const refLap = timed.find((l) => l.lap.time === Math.max(...gt.lapTimes))!;
    const stored = JSON.parse(JSON.stringify(toReferenceLap(resampleForReference(refLap, run.session), 'slowest'))) as ReferenceLap;
    const a = analyzeSession({ ...input, reference: stored });
    expect(a.reference!.source).toBe('input');
    expect(a.reference!.label).toBe('slowest');
    for (const l of a.lapAnalyses) expect(Math.abs(l.delta - (l.lapTime - refLap.lap.time))).toBeLessThan(1e-6);
  });

  it('keeps corner numbers when a later session is matched against this one’s catalog', () => {
    const again = analyzeSession({ ...simSession({ trackId: 'harbour', laps: 3, seed: 99 }).input, corners: base.catalog });
    expect(again.corners.map((c) => c.number)).toEqual(base.corners.map((c) => c.number));
    expect(again.corners.every((c) => c.detected && !c.added)).toBe(true);
    expect(again.catalog).toEqual(base.catalog);
  });

  it('agrees with the live delta at every frame of a lap (< 1 ms)', () => {
    const refNumber = base.reference!.lapNumber!;
    const refLap = resampleForReference(timed.find((l) => l.lap.number === refNumber)!, run.session);
    const live = createLiveDelta(refLap);
    const lap = timed[2]!;
    const curves = analyzeLap({ lap, reference: timed.find((l) => l.lap.number === refNumber)!, session: run.session }).lap.curves!;
    let worst = 0;
    for (let i = 0; i < lap.trace.length; i++) {
      const d = lap.trace.distance[i]!;
      const v = live(d, lap.trace.t[i]! - lap.lap.startT);
      if (v === undefined) continue;
      const k = d / curves.step;
      const k0 = Math.min(Math.floor(k), curves.delta.length - 2);
      const offline = curves.delta[k0]! + (k - k0) * (curves.delta[k0 + 1]! - curves.delta[k0]!);
      worst = Math.max(worst, Math.abs(v - offline));
    }
    expect(worst).toBeLessThan(1e-3);
  });
});

describe('sessions with less data', () => {
  it('without lap distance (GT7, Forza): projects onto the fastest lap’s path and still finds the corners and exact deltas', () => {
    // Neither sends a normalized lap position either (AC's lapFraction).
    const a = analyzeSession({ laps: input.laps.map((l) => withoutChannels(l, ['lapFraction'], true)), session: { ...run.session, trackLength: undefined } });
    expect(a.track!.distanceSource).toBe('projected');
    expect(Math.abs(a.track!.length - gt.track.length)).toBeLessThan(2);
    expect(a.corners.map((c) => c.direction)).toEqual(base.corners.map((c) => c.direction));
    a.corners.forEach((c, i) => expect(Math.abs(c.apex - gt.corners[i]!.apexDistance)).toBeLessThan(15));
    for (const l of a.lapAnalyses) expect(Math.abs(l.delta - (l.lapTime - a.reference!.lapTime))).toBeLessThan(1e-6);
  });

  it('without lap distance but with a normalized lap position (AC without its handshake): the length fitted from it, exact deltas', () => {
    const a = analyzeSession({ laps: input.laps.map((l) => withoutChannels(l, [], true)), session: { ...run.session, trackLength: undefined } });
    expect(a.track!.distanceSource).toBe('progress');
    expect(Math.abs(a.track!.length - gt.track.length)).toBeLessThan(2);
    expect(a.corners.map((c) => c.direction)).toEqual(base.corners.map((c) => c.direction));
    a.corners.forEach((c, i) => expect(Math.abs(c.apex - gt.corners[i]!.apexDistance)).toBeLessThan(15));
    for (const l of a.lapAnalyses) expect(Math.abs(l.delta - (l.lapTime - a.reference!.lapTime))).toBeLessThan(1e-6);
  });

  it('without positions: curvature from yaw, the same corners', () => {
    const a = analyzeSession({ ...input, laps: input.laps.map((l) => withoutChannels(l, ['posX', 'posY', 'posZ'])) });
    expect(a.corners.map((c) => c.direction)).toEqual(base.corners.map((c) => c.direction));
    a.corners.forEach((c, i) => expect(Math.abs(c.apex - gt.corners[i]!.apexDistance)).toBeLessThan(15));
  });

  it('without positions or yaw: curvature from lateral g', () => {
    const a = analyzeSession({ ...input, laps: input.laps.map((l) => withoutChannels(l, ['posX', 'posY', 'posZ', 'yaw'])) });
    expect(a.corners.map((c) => c.direction)).toEqual(base.corners.map((c) => c.direction));
  });

  it('keeps out, in, invalid and slow laps out of the reference, best and consistency', () => {
    const laps = input.laps.map((l) => {
      if (l.lap.number === 1) return { ...l, lap: { ...l.lap, category: 'out' as const } };
      if (l.lap.number === 2) return { ...l, lap: { ...l.lap, valid: false } };
      if (l.lap.number === 7) return { ...l, lap: { ...l.lap, category: 'in' as const } };
      return l;
    });
    const a = analyzeSession({ ...input, laps });
    expect(a.laps.filter((l) => l.clean).map((l) => l.number)).toEqual([3, 4, 5, 6]);
    expect(a.consistency.laps).toBe(4);
    expect([3, 4, 5, 6]).toContain(a.reference!.lapNumber);
    expect(a.theoreticalBest!.lapsUsed).toBe(4);
    expect(a.degradation.slope).toBeNull();
    // Every complete lap is still analysed against the reference.
    expect(a.lapAnalyses.map((l) => l.lapNumber)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('with no lap length at all returns an empty analysis instead of throwing', () => {
    const a = analyzeSession({ laps: input.laps.map((l) => withoutChannels(l, ['posX', 'posY', 'posZ'], true)), session: { game: 'demo' } });
    expect(a.track).toBeNull();
    expect(a.lapAnalyses).toEqual([]);
    // Shift points need no lap distance (an ACC .ld without one): the same table as with it.
    expect(a.shifts).not.toBeNull();
    expect(a.shifts!.gears.length).toBeGreaterThanOrEqual(3);
    expect(a.shifts!.gears.map((g) => g.optimalRpm)).toEqual(base.shifts!.gears.map((g) => g.optimalRpm));
    expect(a.shifts!.events.length).toBe(base.shifts!.events.length);
  });
});
