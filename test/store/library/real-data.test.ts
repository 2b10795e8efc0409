import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLibraryClient } from '../../../src/store/library/client.js';
import { itemContent, type TrackItem } from '../../../src/store/library/items.js';
import { openLocalLibraryFile } from '../../../src/store/library/local.js';
import { referenceItemFromGrid, referenceToTrace } from '../../../src/store/library/reference.js';
import { pullLibrary, pushLibrary } from '../../../src/store/library/sync.js';
import { describeShared, requireSharedFile } from '../../helpers/shared.js';
import { serve, sqliteFactory, tokens, type BackendEnv, type TestServer } from './harness.js';

/**
 * Real circuit data through the library: the TUMFTM Monza centerline with the official F1 corner
 * list (FastF1 / MultiViewer) as a track item, and a TUMFTM quasi-steady-state lap of Monza
 * (129.4039 s, shared/reference-data/tumftm-derived-qss-velocity-profiles) resampled on the
 * 1 m grid as a reference lap. A pushes both, B pulls them, and what B holds gives back the
 * known answers.
 */
function rows(path: string): number[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split(',').map(Number));
}

function monzaTrack(): TrackItem {
  const points = rows(requireSharedFile('reference-data', 'tumftm-racetrack-database', 'tracks', 'Monza.csv'));
  const s: number[] = [];
  const x: number[] = [];
  const y: number[] = [];
  let distance = 0;
  points.forEach(([px, py], i) => {
    if (i > 0) distance += Math.hypot(px! - points[i - 1]![0]!, py! - points[i - 1]![1]!);
    s.push(Math.round(distance * 100) / 100);
    x.push(Math.round(px! * 100) / 100);
    y.push(Math.round(py! * 100) / 100);
  });
  const [lx, ly] = points[points.length - 1]!;
  const length = Math.round((distance + Math.hypot(points[0]![0]! - lx!, points[0]![1]! - ly!)) * 100) / 100;
  const cornerLines = readFileSync(requireSharedFile('reference-data', 'fastf1-monza-2020-circuit-info', 'corners.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const corners = cornerLines.map((line) => {
    const cells = line.split(',');
    const apex = Math.round(Number(cells[5]) / 10);
    return { number: Number(cells[0]), name: cells[8]!, direction: cells[7] === 'L' ? ('left' as const) : ('right' as const), start: apex - 40, apex, end: apex + 40 };
  });
  return { game: 'f1', key: 'monza', name: 'Autodromo Nazionale Monza', length, centerline: { s, x, y }, sectors: [1896, 3701], corners };
}

/** The QSS lap on the 1 m grid: v interpolated linearly in s, t integrated at constant acceleration per element. */
function monzaQssGrid(): { speed: Float64Array; lapTime: Float64Array; total: number } {
  const profile = rows(requireSharedFile('reference-data', 'tumftm-derived-qss-velocity-profiles', 'Monza_exp1.csv'));
  const s = profile.map((r) => r[0]!);
  const v = profile.map((r) => r[5]!);
  const el = profile.map((r) => r[4]!);
  const t = [0];
  for (let i = 0; i < profile.length; i++) t.push(t[i]! + (2 * el[i]!) / (v[i]! + v[(i + 1) % v.length]!));
  const total = t[profile.length]!;
  const closedLength = s[s.length - 1]! + el[el.length - 1]!;
  const n = Math.floor(closedLength) + 1;
  const speed = new Float64Array(n);
  const lapTime = new Float64Array(n);
  let j = 0;
  for (let d = 0; d < n; d++) {
    while (j + 1 < s.length && s[j + 1]! <= d) j++;
    const v0 = v[j]!;
    const v1 = v[(j + 1) % v.length]!;
    const f = Math.min(1, (d - s[j]!) / el[j]!);
    const vd = v0 + (v1 - v0) * f;
    speed[d] = vd;
    // Constant acceleration over the element: the time to cover (d - s_j) is 2·Δs / (v0 + v(d)).
    lapTime[d] = t[j]! + (2 * (d - s[j]!)) / (v0 + vd);
  }
  return { speed, lapTime, total };
}

describeShared('library with real circuit data (Monza)', () => {
  let env: BackendEnv;
  let server: TestServer;
  let dir: string;
  let t: Awaited<ReturnType<typeof tokens>>;
  beforeAll(async () => {
    env = await sqliteFactory().create();
    server = await serve(env.backend);
    t = await tokens(env.backend);
    dir = mkdtempSync(join(tmpdir(), 'racecraft-real-'));
  });
  afterAll(async () => {
    await server.close();
    await env.backend.close();
    await env.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('A pushes the Monza track map and a 129.404 s reference lap; B pulls both and gets the known answers back', async () => {
    const track = monzaTrack();
    expect(track.centerline.s).toHaveLength(1159);
    // The TUMFTM centerline closes at 5790.2 m: within 0.05 % of Monza's official 5,793 m.
    expect(track.length).toBeCloseTo(5790.2, 1);
    expect(Math.abs(track.length - 5793) / 5793).toBeLessThan(0.001);
    const grid = monzaQssGrid();
    expect(grid.total).toBeCloseTo(129.4039, 3);
    const reference = referenceItemFromGrid({ game: 'f1', track: 'monza', car: 'tumftm-qss', driver: 'TUMFTM QSS exp1', lapTime: grid.total, channels: { speed: grid.speed, lapTime: grid.lapTime } });
    expect(reference.lapTime).toBe(129.404);
    expect(reference.channels.speed).toHaveLength(5758);

    const a = openLocalLibraryFile(join(dir, 'a.db'));
    const b = openLocalLibraryFile(join(dir, 'b.db'));
    try {
      a.stage('track', track);
      const refKey = a.stage('reference', reference).key;
      expect(refKey).toBe('f1/monza/tumftm-qss/tumftm-qss-exp1');
      const pushed = await pushLibrary(a, createLibraryClient({ url: server.url, token: t.write }));
      expect(pushed.created.map((c) => c.key)).toEqual(['f1/monza', refKey]);

      const report = await pullLibrary(b, createLibraryClient({ url: server.url, token: t.read }));
      expect(report).toMatchObject({ added: 2, conflicts: [] });
      const pulledTrack = b.item('track', 'f1/monza')!;
      expect(itemContent(pulledTrack).id).toBe(itemContent(track).id);
      expect(pulledTrack.corners.map((c) => `${c.number}${c.direction === 'left' ? 'L' : 'R'}`).join(' ')).toBe('1R 2L 3R 4L 5R 6R 7R 8L 9R 10L 11R');
      expect(pulledTrack.corners[10]).toMatchObject({ name: 'Curva Alboreto (Parabolica)', apex: 5206 });

      b.useReference(refKey);
      const chosen = b.chosenReference('f1', 'monza')!;
      const trace = referenceToTrace(chosen.item);
      expect(trace.length).toBe(5758);
      // The last grid metre is 5757 m of the 5757.975 m race line: the lap time less ~0.98 m at ~59 m/s.
      expect(trace.t[5757]).toBeCloseTo(129.404 - 0.975 / 58.9, 2);
      // Pointwise speeds survive the trip at the registry's 3 decimals (the profile's first node: 58.890707 m/s).
      expect(trace.channels.speed![0]).toBeCloseTo(58.891, 3);
      const slowest = Math.min(...Array.from(trace.channels.speed!));
      // The profile's minimum is 15.5462 m/s at a node between grid metres: the grid sees just above it.
      expect(slowest).toBeGreaterThanOrEqual(15.546);
      expect(slowest).toBeLessThan(15.556);

      const body = itemContent(chosen.item).body;
      const ratio = body.length / gzipSync(body).length;
      console.log(`Monza reference lap: ${body.length} bytes of canonical JSON, gzip ratio ${ratio.toFixed(1)}x`);
      expect(ratio).toBeGreaterThan(2);
    } finally {
      a.close();
      b.close();
    }
  });
});
