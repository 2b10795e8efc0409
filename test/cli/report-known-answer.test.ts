import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resampleForReference } from '../../src/engine/analysis/index.js';
import { compareDocument } from '../../src/cli/report/run-compare.js';
import { cornersDocument } from '../../src/cli/report/run-corners.js';
import { lapReportDocument } from '../../src/cli/report/run-lap.js';
import { sessionReportDocument } from '../../src/cli/report/run-session.js';
import { shiftsDocument } from '../../src/cli/report/run-shifts.js';
import { openLocalLibraryFile } from '../../src/store/library/local.js';
import { referenceItemFromGrid } from '../../src/store/library/reference.js';
import { openStore } from '../../src/store/index.js';
import { tempDir } from '../helpers/cli.js';
import { demoFixture, PLANTED } from './report-fixture.js';

/**
 * Known answers through the report layer (store → load → engine → documents): the simulator
 * knows every lap time, corner and planted mistake, so the reports must say exactly that.
 */
describe('report documents on a planted-error demo session (Kestrel Park, 6 laps, lap 3 brakes 20 m early at T4)', () => {
  const { store, truth } = demoFixture(PLANTED);
  afterAll(() => store.close());
  const bestNumber = truth.lapTimes.indexOf(Math.min(...truth.lapTimes)) + 1;

  it('report lap 3: the designed 11 corners, losses summing exactly to δ, δ = the lap-time difference', async () => {
    const r = await lapReportDocument(store, { lap: 3, vs: { kind: 'best' }, units: 'metric' });
    expect(r.schema).toBe('racecraft.lap-report/1');
    expect(r.reference).toMatchObject({ kind: 'best', lapNumber: bestNumber, label: `lap ${bestNumber}`, note: null });
    expect(r.corners).toHaveLength(truth.corners.length);
    expect(truth.corners).toHaveLength(11);
    r.corners.forEach((c, i) => {
      expect(c.number).toBe(truth.corners[i]!.number);
      expect(c.direction).toBe(truth.corners[i]!.direction === 'left' ? 'L' : 'R');
      expect(Math.abs(c.apex - truth.corners[i]!.apexDistance)).toBeLessThan(15);
    });
    const sum = r.corners.reduce((s, c) => s + c.loss!.total, 0) + r.straights.reduce((s, x) => s + x.loss, 0);
    expect(sum).toBe(r.delta);
    expect(r.lossSums.total).toBe(r.delta);
    const truthDelta = truth.lapTimes[2]! - truth.lapTimes[bestNumber - 1]!;
    expect(Math.abs(r.delta - truthDelta)).toBeLessThan(1e-3);
    expect(Math.abs(r.curves.delta.at(-1)! - (r.lap.time - r.reference.lapTime))).toBeLessThan(1e-3);
    expect(r.sectors.reduce((s, x) => s + x.delta, 0)).toBeCloseTo(r.delta, 9);
  });

  it('puts the planted mistake first: T4 loses the most of lap 3, braking phase, and the first tip says so with the numbers', async () => {
    const r = await lapReportDocument(store, { lap: 3, vs: { kind: 'best' }, units: 'metric' });
    const worst = [...r.corners].sort((a, b) => b.loss!.total - a.loss!.total)[0]!;
    expect(worst.number).toBe(4);
    expect(worst.loss!.braking).toBeGreaterThan(worst.loss!.mid);
    expect(worst.lap!.brakePoint! - worst.reference!.brakePoint!).toBeCloseTo(-20, 0);
    // The sim's own brake points (5 % pedal) say the same.
    const t4 = truth.cornerLaps[2]![3]!;
    expect(Math.abs(worst.lap!.brakePoint! - t4.brakePoint!)).toBeLessThan(3);
    expect(r.tips[0]!.corner).toBe(4);
    expect(r.tips[0]!.phase).toBe('braking');
    expect(r.tips[0]!.text).toMatch(/^T4: braked 20 m earlier than your best, .*: 0\.1\d s$/);
    const imperial = await lapReportDocument(store, { lap: 3, vs: { kind: 'best' }, units: 'imperial' });
    expect(imperial.tips[0]!.text).toMatch(/^T4: braked 66 ft earlier than your best/);
  });

  it('keeps corner numbers from the stored catalog: stored on first use, unchanged after, and a renumbered catalog wins', async () => {
    const catalog = store.tracks.getCatalog('demo', 'demo:kestrel')!;
    expect(catalog.corners.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const again = await lapReportDocument(store, { lap: 5, vs: { kind: 'best' }, units: 'metric' });
    expect(again.catalog).toEqual({ stored: true, added: [] });
    // Give the corners other numbers and a name: the next report must use them as stored.
    const renumbered = { length: catalog.length, corners: catalog.corners.map((c) => ({ ...c, number: c.number + 100, ...(c.number === 1 ? { name: 'Kestrel Hairpin' } : {}) })) };
    store.tracks.saveCatalog('demo', 'demo:kestrel', renumbered);
    const r = await lapReportDocument(store, { lap: 3, vs: { kind: 'best' }, units: 'metric' });
    expect(r.corners.map((c) => c.number)).toEqual([101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111]);
    expect(r.corners[0]!.name).toBe('Kestrel Hairpin');
    expect(r.tips[0]!.corner).toBe(104);
    store.tracks.saveCatalog('demo', 'demo:kestrel', catalog);
  });

  it('only valid flying laps teach the catalog: a report on a lap flagged invalid numbers corners but stores nothing', async () => {
    const copy = openStore(':memory:');
    const id = copy.sessions.create(store.sessions.get(1)!.info, { source: 'demo', startedAt: 0 });
    for (const r of store.laps.list(1)) copy.laps.insert(id, { ...r, valid: r.number === 3 ? false : r.valid }, store.laps.loadTrace(r.id));
    const invalid = await lapReportDocument(copy, { lap: 3, vs: { kind: 'lap', number: 4 }, units: 'metric' });
    expect(invalid.corners).toHaveLength(11);
    expect(invalid.catalog).toEqual({ stored: false, added: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] });
    expect(copy.tracks.getCatalog('demo', 'demo:kestrel')).toBeUndefined();
    const valid = await lapReportDocument(copy, { lap: 5, vs: { kind: 'lap', number: 4 }, units: 'metric' });
    expect(valid.catalog.stored).toBe(true);
    expect(copy.tracks.getCatalog('demo', 'demo:kestrel')!.corners).toHaveLength(11);
    copy.close();
  });

  it('--vs lap M compares with that lap; the session best against itself falls back to the next best, saying so', async () => {
    const vs1 = await lapReportDocument(store, { lap: 3, vs: { kind: 'lap', number: 1 }, units: 'metric' });
    expect(vs1.reference).toMatchObject({ kind: 'lap', lapNumber: 1 });
    expect(Math.abs(vs1.delta - (truth.lapTimes[2]! - truth.lapTimes[0]!))).toBeLessThan(1e-3);
    const best = await lapReportDocument(store, { lap: bestNumber, vs: { kind: 'best' }, units: 'metric' });
    const sorted = [...truth.lapTimes].sort((a, b) => a - b);
    expect(best.reference.lapNumber).toBe(truth.lapTimes.indexOf(sorted[1]!) + 1);
    expect(best.reference.note).toBe(`lap ${bestNumber} is the session best; compared with the next best, lap ${best.reference.lapNumber}`);
    expect(best.delta).toBeLessThan(0);
  });

  it('says in one line what is wrong: unknown lap, an out-lap, no reference chosen', async () => {
    await expect(lapReportDocument(store, { lap: 12, vs: { kind: 'best' }, units: 'metric' })).rejects.toThrow('session 1 has no lap 12 (laps 0–7)');
    await expect(lapReportDocument(store, { lap: 0, vs: { kind: 'best' }, units: 'metric' })).rejects.toThrow('lap 0 of session 1 (out) cannot be analysed: it does not run from line to line');
    await expect(lapReportDocument(store, { lap: 3, vs: { kind: 'lap', number: 7 }, units: 'metric' })).rejects.toThrow('lap 7 of session 1 (incomplete) cannot be the reference: it does not run from line to line');
    await expect(lapReportDocument(store, { lap: 3, vs: { kind: 'ref' }, units: 'metric' })).rejects.toThrow('no reference lap chosen for Kestrel Park: run `racecraft library use reference KEY`');
    await expect(lapReportDocument(store, { session: '9', lap: 3, vs: { kind: 'best' }, units: 'metric' })).rejects.toThrow('unknown session 9');
  });

  it('compare 3 5: lap against lap, δ = the lap-time difference, per-corner losses named a/b and summing to it', () => {
    const { document: c } = compareDocument(store, { a: 3, b: 5, units: 'metric' });
    expect(c.schema).toBe('racecraft.compare/1');
    expect(c.a.number).toBe(3);
    expect(c.b.number).toBe(5);
    expect(Math.abs(c.delta - (truth.lapTimes[2]! - truth.lapTimes[4]!))).toBeLessThan(1e-3);
    expect(c.corners).toHaveLength(11);
    expect(c.corners.reduce((s, k) => s + k.loss!.total, 0) + c.straights.reduce((s, x) => s + x.loss, 0)).toBe(c.delta);
    const truthShift = truth.cornerLaps[2]![3]!.brakePoint! - truth.cornerLaps[4]![3]!.brakePoint!;
    expect(Math.abs(c.corners[3]!.a!.brakePoint! - c.corners[3]!.b!.brakePoint! - truthShift)).toBeLessThan(3);
    expect(c.curves.speedA).toHaveLength(c.curves.delta.length);
    expect(c.curves.throttleB).toHaveLength(c.curves.delta.length);
  });

  it('report session: the six timed laps clean, best and theoretical best, consistency, trend, grip, shifts', () => {
    const s = sessionReportDocument(store, {});
    expect(s.schema).toBe('racecraft.session-report/1');
    expect(s.laps.filter((l) => l.clean).map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.bestLap).toEqual({ number: bestNumber, time: truth.lapTimes[bestNumber - 1] });
    expect(s.theoreticalBest!.sectors.time).toBeLessThanOrEqual(s.bestLap!.time + 1e-9);
    expect(s.consistency.laps).toBe(6);
    expect(s.degradation.laps).toBe(6);
    expect(s.grip!.speedBins.length).toBeGreaterThan(5);
    expect(s.corners).toHaveLength(11);
    // Lap 3's worst corner is the planted one.
    expect(s.laps.find((l) => l.number === 3)!.worstCorners[0]!.number).toBe(4);
  });

  it('corners: the 11 corners with the best lap’s minimum speeds and brake points (sim truth within 0.2 m/s and 3 m)', () => {
    const c = cornersDocument(store, {});
    expect(c.schema).toBe('racecraft.corners/1');
    expect(c.bestLap!.number).toBe(bestNumber);
    expect(c.corners).toHaveLength(11);
    let braked = 0;
    for (const row of c.corners) {
      const t = truth.cornerLaps[bestNumber - 1]![row.number - 1]!;
      // Flat-out kinks (no brake) are left out: the engine looks for their slowest point from 150 m before the entry.
      if (t.brakePoint === null) continue;
      expect(Math.abs(row.minSpeed! - t.minSpeed)).toBeLessThan(0.2);
      expect(Math.abs(row.brakePoint! - t.brakePoint)).toBeLessThan(3);
      braked++;
    }
    expect(braked).toBe(9);
  });

  it('shifts: optimal upshift rpm within 100 rpm of the car’s, every event placed on a timed lap of the track', () => {
    const s = shiftsDocument(store, {});
    expect(s.schema).toBe('racecraft.shifts/1');
    const estimated = s.summary!.gears.filter((g) => g.basis === 'crossover' || g.basis === 'extrapolated');
    expect(estimated.length).toBeGreaterThanOrEqual(3);
    for (const g of estimated) expect(Math.abs(g.optimalRpm! - truth.shiftRpm[g.gear - 1]!)).toBeLessThan(100);
    expect(s.events.length).toBe(s.summary!.upshifts);
    for (const e of s.events) {
      expect(s.laps).toContain(e.lap);
      expect(e.distance).not.toBeNull();
      expect(e.distance!).toBeGreaterThanOrEqual(-1);
      expect(e.distance!).toBeLessThanOrEqual(truth.track.length + 1);
    }
  });
});

describe('--vs ref: the reference lap chosen for the track in the local library', () => {
  const tmp = tempDir();
  const path = join(tmp.dir, 'ref.db');
  const { store, truth } = demoFixture(PLANTED, path);
  afterAll(() => {
    store.close();
    tmp.cleanup();
  });

  it('compares lap 3 with a stored reference made from lap 2: δ = the lap-time difference (the library keeps ms)', async () => {
    const lap2 = store.laps.list(1).find((l) => l.number === 2)!;
    const resampled = resampleForReference({ lap: lap2, trace: store.laps.loadTrace(lap2.id) }, store.sessions.get(1)!.info);
    const item = referenceItemFromGrid({ game: 'demo', track: 'demo:kestrel', car: 'demo:rc1', driver: 'Ref Driver', lapTime: lap2.time, channels: { ...resampled.channels, lapTime: resampled.t } });
    const library = openLocalLibraryFile(path);
    const { key } = library.stage('reference', item);
    library.useReference(key);
    library.close();
    const r = await lapReportDocument(store, { lap: 3, vs: { kind: 'ref' }, units: 'metric' });
    expect(r.reference).toMatchObject({ kind: 'ref', libraryKey: key, lapNumber: null, sessionId: null, lapTime: Math.round(lap2.time * 1000) / 1000 });
    expect(r.reference.label).toBe(`Ref Driver (${key})`);
    expect(Math.abs(r.delta - (truth.lapTimes[2]! - truth.lapTimes[1]!))).toBeLessThan(1e-3);
    expect(r.corners).toHaveLength(11);
    expect(r.tips[0]!.text).toMatch(/^T4: braked 20 m earlier than Ref Driver/);
    expect(r.curves.referenceThrottle).not.toBeNull();
  });

  it('a database reopened later still finds it (the choice lives in the file)', async () => {
    const again = openStore(path);
    const r = await lapReportDocument(again, { lap: 4, vs: { kind: 'ref' }, units: 'metric' });
    expect(r.reference.kind).toBe('ref');
    again.close();
  });
});
