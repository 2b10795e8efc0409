import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resampleForReference, toReferenceLap } from '../../../src/engine/analysis/index.js';
import { openStore } from '../../../src/store/index.js';
import { referenceItemFromGrid } from '../../../src/store/library/index.js';
import type { LibraryAccess } from '../../../src/tui/data/library-access.js';
import { openStoreLibrary, referenceLapOf } from '../../../src/tui/data/store-library.js';
import { WorkstationData } from '../../../src/tui/data/workstation-data.js';
import { recordDemo } from '../fixtures.js';

describe('workstation data', () => {
  const store = openStore(':memory:');
  const earlier = recordDemo({ laps: 2, seed: 2, store });
  const live = recordDemo({ laps: 3, seed: 1, untilT: 240, store });

  it('chooses the reference the setting names, or the lap the user picked', () => {
    const data = new WorkstationData({ bus: live.bus, store, sessionId: () => live.sessionId });
    const id = data.sessionId(undefined);
    expect(id).toBe(live.sessionId);
    const best = data.reference(id, 'best', undefined);
    expect(best).toMatchObject({ ok: true, value: { label: `personal best (session ${earlier.sessionId}) · 1:32.525` } });
    const sessionBest = data.reference(id, 'session-best', undefined);
    expect(sessionBest).toMatchObject({ ok: true, value: { label: 'session best, lap 2 · 1:32.829' } });
    const lap1 = data.laps(id).find((l) => l.number === 1)!;
    const picked = data.reference(id, 'best', lap1.id);
    expect(picked).toMatchObject({ ok: true, value: { label: 'lap 1 · 1:32.918', lapId: lap1.id, sectors: lap1.sectors } });
    // The live delta of a lap against itself is zero along the lap.
    const ref = picked!.ok ? picked!.value : undefined;
    expect(ref!.delta(1000, ref!.delta(1000, 0)! * -1)).toBeCloseTo(0, 9);
    // 'library' without a chosen library lap falls back to the personal best.
    expect(data.reference(id, 'library', undefined)).toMatchObject({ ok: true, value: { label: expect.stringMatching(/^personal best/) } });
  });

  it('uses the library reference lap chosen for the track', () => {
    const input = { lap: store.laps.list(earlier.sessionId)[1]!, trace: store.laps.loadTrace(store.laps.list(earlier.sessionId)[1]!.id) };
    const resampled = resampleForReference(input, { trackLength: live.run.session.trackLength! });
    const lapRef = toReferenceLap(resampled, 'library Ana');
    const library: LibraryAccess = {
      local: () => [],
      server: () => undefined,
      remote: async () => [],
      pull: async () => '',
      push: async () => '',
      use: () => '',
      chosenReference: (game, track) => (game === 'demo' && track === 'demo:kestrel' ? { key: 'demo/kestrel/rc1/ana', label: 'library Ana', lap: lapRef } : undefined),
      close: () => {},
    };
    const data = new WorkstationData({ bus: live.bus, store, sessionId: live.sessionId, library });
    const ref = data.reference(live.sessionId, 'library', undefined);
    expect(ref).toMatchObject({ ok: true, value: { key: 'library:demo/kestrel/rc1/ana', label: 'library Ana · 1:32.525' } });
    const lap2 = data.laps(live.sessionId).find((l) => l.number === 2)!;
    const report = data.lapReport(lap2.id!, ref!.ok ? ref!.value : (undefined as never));
    expect(report.ok).toBe(true);
    if (report.ok) expect(report.value.lap.delta).toBeCloseTo(92.8295 - 92.5249, 2);
  });

  it('reports why a lap cannot be analysed instead of throwing, and recomputes after a new lap', () => {
    const data = new WorkstationData({ bus: live.bus, store, sessionId: live.sessionId });
    const laps = data.laps(live.sessionId);
    const out = laps.find((l) => l.category === 'out')!;
    const ref = data.reference(live.sessionId, 'best', undefined)!;
    const result = data.lapReport(out.id!, ref.ok ? ref.value : (undefined as never));
    expect(result).toEqual({ ok: false, error: expect.stringContaining('does not run line to line') });
    expect(data.laps(live.sessionId)).toBe(laps);
    data.invalidate();
    expect(data.laps(live.sessionId)).not.toBe(laps);
    expect(data.carProfile(live.sessionId)?.shifts?.gears.length).toBeGreaterThan(0);
    expect(data.sessionAnalysis(live.sessionId)).toMatchObject({ ok: true, value: { corners: expect.any(Array) } });
  });
});

describe('corner numbers', () => {
  it('come from the track\'s stored corner list, as in `racecraft report`', () => {
    const store = openStore(':memory:');
    const session = recordDemo({ laps: 2, seed: 2, store });
    const data = new WorkstationData({ store });
    const first = data.sessionAnalysis(session.sessionId);
    expect(first?.ok && first.value.corners.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // A catalog stored earlier (by a report over other laps) numbered the same corners from 21.
    const catalog = first!.ok ? first!.value.catalog : (undefined as never);
    store.tracks.saveCatalog('demo', 'demo:kestrel', { length: catalog.length, corners: catalog.corners.map((c) => ({ ...c, number: c.number + 20 })) });
    const again = new WorkstationData({ store }).sessionAnalysis(session.sessionId);
    expect(again?.ok && again.value.corners.map((c) => c.number)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);
  });
});

describe('the library on the database file', () => {
  it('opens the local copy beside the store, lists nothing yet and is not logged in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'racecraft-lib-'));
    const env = { ...process.env };
    delete process.env['RACECRAFT_LIBRARY_URL'];
    try {
      const path = join(dir, 'racecraft.db');
      openStore(path).close();
      const lib = openStoreLibrary(path, dir);
      expect(lib.local()).toEqual([]);
      expect(lib.server()).toBeUndefined();
      expect(lib.chosenReference('demo', 'demo:kestrel')).toBeUndefined();
      expect(() => lib.use('demo/kestrel/rc1/nobody')).toThrow(/no reference lap/);
      lib.close();
    } finally {
      process.env = env;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns a library reference item into the reference lap analysis takes', () => {
    const item = referenceItemFromGrid({
      game: 'demo',
      track: 'demo:kestrel',
      car: 'demo:rc1',
      driver: 'Ana',
      lapTime: 30,
      channels: { lapTime: [0, 10, 20, 30], speed: [10, 11, Number.NaN, 13] },
    });
    const lap = referenceLapOf(item);
    expect(lap).toMatchObject({ label: 'library Ana', lapTime: 30, grid: { length: 3, cells: 3 }, t: [0, 10, 20, 30] });
    expect(lap.channels.speed).toEqual([10, 11, null, 13]);
  });
});
