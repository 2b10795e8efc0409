import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { storeSink } from '../../src/cli/live-session.js';
import { cornersDocument } from '../../src/cli/report/run-corners.js';
import { lapReportDocument } from '../../src/cli/report/run-lap.js';
import { sessionReportDocument } from '../../src/cli/report/run-session.js';
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
});

/*
 * Known gaps (reported to the lead): neither capture holds a lap that runs from line to line, so
 * no lap report can be made from them yet. These tests pin what the commands say instead, so a
 * fix upstream (lap tracker, engine) shows up here.
 */
describeShared('GT7 Spa (zetetos demo.gtz, 6,914 packets, format C): no line-to-line lap, said in one line', () => {
  let store: Store;
  beforeAll(() => {
    const raw = new Uint8Array(gunzipSync(readFileSync(requireSharedFile('captures', 'gt7', 'zetetos-demo-spa-formatC.gtz'))));
    store = record('gt7', split(raw, 368), createGt7Decoder());
  });
  afterAll(() => store.close());

  it('the recorder times the one lap (the capture starts as the car crosses the line, lap timer 0.034 s): 6,913 samples, no track key', () => {
    const laps = store.laps.list(1);
    expect(laps.map((l) => [l.number, l.category, l.sampleCount])).toEqual([[1, 'flying', 6913], [2, 'incomplete', 1]]);
    expect(store.sessions.get(1)!.trackKey).toBeUndefined();
  });

  it('report lap 1 and corners explain why there is nothing to report', async () => {
    await expect(lapReportDocument(store, { lap: 1, vs: { kind: 'lap', number: 1 }, units: 'metric' })).rejects.toThrow('lap 1 of session 1 (flying) cannot be analysed: it does not run from line to line');
    // The tracker now times the lap (game time 115.244 s), but its samples start ~126 m past the
    // line, so the analysis refuses it rather than invent the missing metres.
    expect(() => cornersDocument(store, {})).toThrow('lap 1 of session 1 (flying) cannot be analysed: it does not run from line to line');
    const s = sessionReportDocument(store, {});
    expect(s.laps.map((l) => [l.number, l.clean])).toEqual([[1, false], [2, false]]);
    expect(s.bestLap).toBeNull();
    expect(s.catalog.stored).toBe(false);
  });
});

describeShared('AC Monza (vthinsel, CC0, Audi R8 LMS): a pit-exit out-lap only, said in one line', () => {
  let store: Store;
  beforeAll(() => {
    const bytes = new Uint8Array(readFileSync(requireSharedFile('captures', 'assetto-corsa', 'AssettoCorsa_monza_A8LMS.raw')));
    store = record('ac', split(bytes, 328), createAcDecoder());
  });
  afterAll(() => store.close());

  it('the recorder keeps the out-lap (7,899 samples) and the start of lap 2; the capture has no handshake, so no track', () => {
    expect(store.laps.list(1).map((l) => [l.number, l.category, l.sampleCount])).toEqual([[1, 'out', 7899], [2, 'incomplete', 263]]);
    expect(store.sessions.get(1)!.info.trackLength).toBeUndefined();
  });

  it('report lap 1 says there is no lap distance and no complete lap to measure one on', async () => {
    await expect(lapReportDocument(store, { lap: 1, vs: { kind: 'lap', number: 1 }, units: 'metric' })).rejects.toThrow('lap 1 of session 1 (out) cannot be analysed: the game sent no lap distance and no complete lap to measure one on');
    await expect(lapReportDocument(store, { lap: 1, vs: { kind: 'best' }, units: 'metric' })).rejects.toThrow('session 1 has no valid flying lap to compare with');
  });
});
