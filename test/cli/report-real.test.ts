import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { storeSink } from '../../src/cli/live-session.js';
import { cornersDocument } from '../../src/cli/report/run-corners.js';
import { shiftsDocument } from '../../src/cli/report/run-shifts.js';
import { lapReportDocument } from '../../src/cli/report/run-lap.js';
import { sessionReportDocument } from '../../src/cli/report/run-session.js';
import { renderCorners } from '../../src/cli/report/corners-report.js';
import { renderLapReport } from '../../src/cli/report/lap-render.js';
import { renderSessionReport } from '../../src/cli/report/session-render.js';
import { unitsOf } from '../../src/cli/report/units.js';
import { Recorder } from '../../src/engine/capture/recorder.js';
import { createAcDecoder } from '../../src/engine/games/ac/index.js';
import { createGt7Decoder } from '../../src/engine/games/gt7/index.js';
import type { Decoder } from '../../src/engine/games/types.js';
import type { GameId } from '../../src/engine/model/index.js';
import { readIbt } from '../../src/store/formats/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { describeShared, requireSharedFile } from '../helpers/shared.js';

/**
 * The analysis commands on real recordings from ../shared (never copied into the repo), read
 * through the real decoders and the recorder into an in-memory store, as `racecraft import` does.
 */
function split(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at + size <= bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

/** Decoded packets through a Recorder into a fresh in-memory store. */
function record(game: GameId, packets: readonly Uint8Array[], decoder: Decoder): Store {
  const store = openStore(':memory:');
  const recorder = new Recorder(storeSink(store, 'import'), undefined, { game, now: () => 0 });
  for (const packet of packets) for (const result of decoder.decode(packet)) recorder.handle(result);
  recorder.stop();
  return store;
}

describeShared('iRacing Formula Vee at Tsukuba 1000 Outer (ibt, 2 timed laps of 680 m, Titan-Academy, MIT)', () => {
  let store: Store;
  beforeAll(() => {
    const imported = readIbt(new Uint8Array(readFileSync(requireSharedFile('formats', 'ibt', 'formulavee_tsukuba 1kouter 2025-01-30 17-09-29.ibt'))));
    store = openStore(':memory:');
    const id = store.sessions.create(imported.session, { source: 'import', startedAt: 0 });
    for (const l of imported.laps) store.laps.insert(id, l.lap, l.trace);
    store.sessions.finish(id, 1);
  });
  afterAll(() => store.close());

  it('report lap 1 against the best (lap 2, 23.980 s): δ = 1.935 s = the lap-time difference, losses summing exactly to it', async () => {
    const r = await lapReportDocument(store, { lap: 1, vs: { kind: 'best' }, units: 'metric' });
    expect(r.reference).toMatchObject({ kind: 'best', lapNumber: 2 });
    expect(r.reference.lapTime).toBeCloseTo(23.9797, 4);
    expect(r.lap.time).toBeCloseTo(25.9145, 4);
    expect(r.delta).toBeCloseTo(1.9348, 4);
    expect(Math.abs(r.curves.delta.at(-1)! - (r.lap.time - r.reference.lapTime))).toBeLessThan(1e-3);
    expect(r.corners.reduce((s, c) => s + c.loss!.total, 0) + r.straights.reduce((s, x) => s + x.loss, 0)).toBe(r.delta);
    expect(r.track).toMatchObject({ length: 680, distanceSource: 'game' });
    // The first lap out of the pits lost most of its time before and in T1 (cold tyres, a slow entry).
    expect(r.tips[0]!.corner).toBe(1);
    expect(r.tips[0]!.text).toMatch(/^T1: .*entry \d+ km\/h slower.*: 0\.6\d s$/);
    expect(r.curves.throttle!.filter((v) => v !== null).length).toBeGreaterThan(600);
  });

  it('corners: two right-handers turning ~185° and ~161° (the short outer loop), stored as the track’s catalog', () => {
    const c = cornersDocument(store, {});
    expect(c.corners.map((k) => [k.number, k.direction])).toEqual([[1, 'R'], [2, 'R']]);
    const degrees = c.corners.map((k) => Math.abs(k.turn!) * (180 / Math.PI));
    expect(degrees[0]).toBeGreaterThan(170);
    expect(degrees[1]).toBeGreaterThan(150);
    expect(degrees[0]! + degrees[1]!).toBeGreaterThan(330);
    expect(c.corners.map((k) => Math.round(k.apex))).toEqual([186, 580]);
    expect(store.tracks.getCatalog('iracing', 'tsukuba 1kouter')!.corners).toHaveLength(2);
  });

  it('report session: the two timed laps clean, best lap 2, out and in laps left out', () => {
    const s = sessionReportDocument(store, {});
    expect(s.laps.map((l) => [l.number, l.category, l.clean])).toEqual([[0, 'out', false], [1, 'flying', true], [2, 'flying', true], [3, 'incomplete', false]]);
    expect(s.bestLap!.number).toBe(2);
    expect(s.theoreticalBest!.sectors.time).toBeLessThanOrEqual(s.bestLap!.time + 1e-9);
  });

  it('shifts: the H-pattern box passes through neutral (gear 0 for two samples) on every upshift, and each one is still counted', () => {
    const r = shiftsDocument(store, {});
    // 1→2 leaving the pits (out-lap) and after the line (lap 1); 2→3 and 3→4 in both timed laps.
    expect(r.events.map((e) => [e.lap, e.fromGear])).toEqual([[0, 1], [1, 1], [1, 2], [1, 3], [2, 3], [2, 2]]);
    expect(r.summary!.gears.map((g) => [g.gear, g.shifts, Math.round(g.medianShiftRpm!)])).toEqual([[2, 2, 6634], [3, 2, 6384]]);
    expect(r.events.find((e) => e.lap === 2 && e.fromGear === 3)!.distance).toBeCloseTo(426, -1);
  });
});

/*
 * Neither capture holds a lap that runs from line to line: the GT7 lap is timed from Spa's start
 * line, 126 m after the finish line; the AC lap is an out-lap from the pit box. Both are analysed
 * over what they cover, and the reports say which metres are missing and where the lap distance
 * came from (neither game sends one here).
 */
/**
 * GT7 Spa's corners in lap order: the TUMFTM Spa race line's 15 (see
 * test/engine/analysis/real-partial.test.ts) plus Blanchimont 1 (the optional L), a kink that
 * turns 15° — exactly the detector's minimum — so whether it counts moves with the metre-level
 * lap distances (the recorder's live projection or the report-time one).
 */
const BLANCHIMONT_OPTIONAL = /^RRRLRRLLRLRRL?LRL$/;

describeShared('GT7 Spa (zetetos demo.gtz, 6,914 packets, format C): lap 1 from the start line, reported from ≈ 127 m to the line', () => {
  let store: Store;
  beforeAll(() => {
    const raw = new Uint8Array(gunzipSync(readFileSync(requireSharedFile('captures', 'gt7', 'zetetos-demo-spa-formatC.gtz'))));
    store = record('gt7', split(raw, 368), createGt7Decoder());
  });
  afterAll(() => store.close());

  it('the recorder times the one lap (the capture starts as the car crosses the start line, lap timer 0.034 s): 6,913 samples', () => {
    const laps = store.laps.list(1);
    expect(laps.map((l) => [l.number, l.category, l.sampleCount, l.time, l.timeSource])).toEqual([[1, 'flying', 6913, 115.244, 'game'], [2, 'incomplete', 1, 0, 'interpolated']]);
  });

  it('report lap 1 (against itself): the game’s 115.244 s, 15–16 corners, 6,936 m measured along the driven line, the first ≈ 127 m not analysed', async () => {
    const r = await lapReportDocument(store, { lap: 1, vs: { kind: 'lap', number: 1 }, units: 'metric' });
    expect(r.lap).toMatchObject({ number: 1, time: 115.244, category: 'flying', valid: true });
    // GT7 sends no lap distance: the recorder gives frames one live once it knows the track
    // (track-locator.ts, which marks the session lapDistanceFrom 'track-shape'), else the analysis
    // projects onto the lap's own path at report time. Either way it is 'projected', measured
    // along the driven line from the finish line (where the lap ended).
    expect(r.track!.distanceSource).toBe('projected');
    expect(r.track!.curvatureSource).toBe('position');
    expect(Math.abs(r.track!.length - 6936.2)).toBeLessThan(1);
    expect(r.analysed!.from).toBeGreaterThan(125);
    expect(r.analysed!.from).toBeLessThan(129);
    expect(r.analysed!.to).toBe(r.track!.length);
    expect(r.delta).toBe(0);
    expect(r.corners.map((c) => c.direction).join('')).toMatch(BLANCHIMONT_OPTIONAL);
    // La Source, Les Combes, Pouhon, the Bus Stop (R, L): apex m and slowest km/h.
    const near = (apex: number) => r.corners.find((c) => Math.abs(c.apex - apex) < 3);
    const pinned = [[390, 73], [2412, 138], [3810, 209], [6694, 77], [6753, 65]] as const;
    for (const [apex, kmh] of pinned) {
      expect(near(apex), `corner at ${apex} m`).toBeDefined();
      expect(Math.round(near(apex)!.lap!.minSpeed! * 3.6), `slowest at ${apex} m`).toBe(kmh);
    }
    // Sector 1 starts at the line, so its Δ covers only the metres with data.
    expect(r.sectors.map((s) => s.covered)).toEqual([false, true, true]);
    // The speed trace has no value before the first sample, a value everywhere after it.
    expect(r.curves.speed.slice(0, 125).every((v) => v === null)).toBe(true);
    expect(r.curves.speed.slice(129).every((v) => v !== null)).toBe(true);
    expect(r.curves.throttle!.filter((v) => v !== null).length).toBeGreaterThan(6700);
    const text = renderLapReport(r, { units: unitsOf('metric'), width: 100 }).join('\n');
    expect(text).toMatch(/samples begin 12[6-8] m after the line; the first 12[6-8] m are not analysed/);
    expect(text).toContain('the game sent no lap distance: distances are measured along the driven line from the line where the lap ended; lap length 6936 m measured from it');
    expect(text).toContain('a theoretical best needs whole laps');
  });

  it('report lap 1 against the best says, in one line, that there is no other lap; lap 2 (one sample) is refused', async () => {
    await expect(lapReportDocument(store, { lap: 1, vs: { kind: 'best' }, units: 'metric' })).rejects.toThrow('lap 1 is the only valid flying lap of session 1: there is nothing to compare it with');
    await expect(lapReportDocument(store, { lap: 2, vs: { kind: 'lap', number: 1 }, units: 'metric' })).rejects.toThrow('lap 2 of session 1 has too little data to analyse (1 sample)');
  });

  it('corners: those of lap 1 (15–16), in lap order, with the partial start said', () => {
    const c = cornersDocument(store, {});
    expect(c.bestLap).toEqual({ number: 1, time: 115.244, category: 'flying' });
    expect(c.corners.map((k) => k.direction).join('')).toMatch(BLANCHIMONT_OPTIONAL);
    expect(c.corners.map((k) => k.number)).toEqual(c.corners.map((_, i) => i + 1));
    expect(Math.abs(c.analysed!.from - 127)).toBeLessThan(2);
    expect(c.distanceSource).toBe('projected');
    expect(renderCorners(c, unitsOf('metric')).join('\n')).toMatch(/samples begin 12[6-8] m after the line/);
  });

  it('report session: lap 1 is the clean best lap (115.244 s), analysed from ≈ 127 m; no theoretical best from a lap with missing metres', () => {
    const s = sessionReportDocument(store, {});
    expect(s.laps.map((l) => [l.number, l.clean])).toEqual([[1, true], [2, false]]);
    expect(s.bestLap).toEqual({ number: 1, time: 115.244 });
    expect(Math.abs(s.laps[0]!.partial!.from - 127)).toBeLessThan(2);
    expect(s.laps[0]!.delta).toBe(0);
    expect(s.theoreticalBest).toBeNull();
    expect(s.corners.map((c) => c.direction).join('')).toMatch(BLANCHIMONT_OPTIONAL);
    const text = renderSessionReport(s, unitsOf('metric')).join('\n');
    expect(text).toMatch(/lap 1: samples begin 12[6-8] m after the line; the first 12[6-8] m are not analysed/);
    expect(text).toContain('theoretical best: needs whole laps (line to line); the clean laps here miss metres at the line');
  });
});

describeShared('AC Monza (vthinsel, CC0, Audi R8 LMS): the out-lap from the pit box, reported over 246 m → the line', () => {
  let store: Store;
  beforeAll(() => {
    const bytes = new Uint8Array(readFileSync(requireSharedFile('captures', 'assetto-corsa', 'AssettoCorsa_monza_A8LMS.raw')));
    store = record('ac', split(bytes, 328), createAcDecoder());
  });
  afterAll(() => store.close());

  it('the recorder keeps the out-lap (7,899 samples) and the start of lap 2; the capture has no handshake, so no track', () => {
    // 132.444 s is the tracker's time from the first packet; AC's own lastLap says 344.684 s
    // (the lap clock ran 212.24 s in the pits before the capture began).
    expect(store.laps.list(1).map((l) => [l.number, l.category, l.sampleCount, l.time])).toEqual([[1, 'out', 7899, 132.444], [2, 'incomplete', 263, 4.38]].map(([n, c, k, t]) => [n, c, k, expect.closeTo(t as number, 9)]));
    expect(store.sessions.get(1)!.info.trackLength).toBeUndefined();
  });

  it('report lap 1 (against itself): 12 corners on 5,759 m measured from AC\'s normalized position, the first 246 m (pit box and before) not analysed', async () => {
    const r = await lapReportDocument(store, { lap: 1, vs: { kind: 'lap', number: 1 }, units: 'metric' });
    expect(r.lap).toMatchObject({ number: 1, category: 'out' });
    // The recorder keeps AC's carPositionNormalized (lapFraction); with no handshake length, the
    // length is fitted from driven metres against it (progress-length.ts).
    expect(r.track).toMatchObject({ distanceSource: 'progress', curvatureSource: 'position' });
    // The official length is 5,793 m; AC's racing line (and the TUMFTM race line, 5,758.2 m) is 0.6 % shorter.
    expect(r.track!.length).toBeCloseTo(5758.8, 1);
    expect(Math.round(r.analysed!.from)).toBe(246);
    expect(r.corners.map((c) => c.direction).join('')).toBe('RLRRLRRRLRLR');
    // Rettifilo (T1/T2), Roggia (T5/T6), Ascari (T9–T11), Parabolica (T12): apex m, slowest km/h.
    const at = (n: number) => r.corners.find((c) => c.number === n)!;
    expect([1, 2, 5, 6, 9, 12].map((n) => [Math.round(at(n).apex), Math.round(at(n).lap!.minSpeed! * 3.6)])).toEqual([[959, 61], [1000, 45], [2161, 50], [2184, 59], [3996, 73], [5143, 118]]);
    expect(r.delta).toBe(0);
    const text = renderLapReport(r, { units: unitsOf('metric'), width: 100 }).join('\n');
    expect(text).toContain('samples begin 246 m after the line; the first 246 m are not analysed');
    expect(text).toContain('the game sent its position along the lap but no track length: length 5759 m estimated from the driven path over that position');
  });

  it('one-line refusals remain for what truly cannot be analysed: no flying lap to be "best", and the 263-sample lap 2 fragment', async () => {
    await expect(lapReportDocument(store, { lap: 1, vs: { kind: 'best' }, units: 'metric' })).rejects.toThrow('session 1 has no valid flying lap to compare with');
    await expect(lapReportDocument(store, { lap: 2, vs: { kind: 'lap', number: 1 }, units: 'metric' })).rejects.toThrow('lap 2 of session 1 (incomplete) cannot be analysed: it does not run from line to line');
    await expect(lapReportDocument(store, { lap: 1, vs: { kind: 'lap', number: 2 }, units: 'metric' })).rejects.toThrow('lap 2 of session 1 (incomplete) cannot be the reference: it does not run from line to line');
  });

  it('corners: found on the out-lap (no flying lap), said so and not stored as the track’s corners', () => {
    const c = cornersDocument(store, {});
    expect(c.bestLap).toMatchObject({ number: 1, category: 'out' });
    expect(c.corners).toHaveLength(12);
    expect(c.corners.every((k) => !k.added)).toBe(true);
    expect(c.catalog).toEqual({ stored: false, added: [], reset: false });
    const text = renderCorners(c, unitsOf('metric')).join('\n');
    expect(text).toContain('no valid flying lap: corners and speeds from out lap 1');
    expect(text).toContain('samples begin 246 m after the line');
  });

  it('report session: no clean lap (an out-lap), the out-lap analysed against itself, corners listed', () => {
    const s = sessionReportDocument(store, {});
    expect(s.laps.map((l) => [l.number, l.category, l.clean])).toEqual([[1, 'out', false], [2, 'incomplete', false]]);
    expect(s.bestLap).toBeNull();
    expect(s.reference).toMatchObject({ lapNumber: 1 });
    expect(Math.round(s.laps[0]!.partial!.from)).toBe(246);
    expect(s.laps[0]!.delta).toBe(0);
    expect(s.corners).toHaveLength(12);
    expect(s.track!.length).toBeCloseTo(5758.8, 1);
    expect(renderSessionReport(s, unitsOf('metric')).join('\n')).toContain('lap 1: samples begin 246 m after the line');
  });
});
