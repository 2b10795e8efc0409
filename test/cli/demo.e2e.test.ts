import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoRun } from '../../src/engine/sim/index.js';
import { assertBuilt, runCli, tempDir } from '../helpers/cli.js';

describe('racecraft demo → laps (end to end, real UDP over loopback)', () => {
  const tmp = tempDir();
  let demo: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    assertBuilt();
    demo = await runCli(['demo', '--laps', '5', '--speed', 'max', '--headless', '--json', '--db', tmp.db], { timeoutMs: 90_000 });
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('exits 0 and prints one NDJSON record per lap', () => {
    expect(demo.stderr).not.toMatch(/internal error/);
    expect(demo.code).toBe(0);
    const records = demo.stdout.trim().split('\n').map((line) => JSON.parse(line) as { event: string; category: string });
    expect(records.every((r) => r.event === 'lap')).toBe(true);
    expect(records.filter((r) => r.category === 'flying')).toHaveLength(5);
    expect(demo.stderr).toMatch(/saved session 1: \d+ lap\(s\).*, 0 dropped/);
  });

  it('records 5 flying laps whose times equal the simulator ground truth within 1 ms', async () => {
    const truth = createDemoRun({ trackId: 'kestrel', laps: 5, seed: 1 }).groundTruth.lapTimes;
    const result = await runCli(['laps', '--json', '--db', tmp.db]);
    expect(result.code).toBe(0);
    const laps = JSON.parse(result.stdout) as { laps: { number: number; time: number; category: string; valid: boolean; timeSource: string; sectors: number[] }[] };
    const flying = laps.laps.filter((l) => l.category === 'flying');
    expect(flying.map((l) => l.number)).toEqual([1, 2, 3, 4, 5]);
    expect(truth).toHaveLength(5);
    flying.forEach((lap, i) => {
      expect(lap.valid).toBe(true);
      expect(lap.timeSource).toBe('game');
      expect(Math.abs(lap.time - truth[i]!)).toBeLessThanOrEqual(0.001);
      expect(lap.sectors).toHaveLength(3);
    });
    // The run-up before the line and the overrun after the last crossing are kept, not dropped.
    expect(laps.laps[0]!.category).toBe('out');
    expect(laps.laps.at(-1)!.category).toBe('incomplete');
  });

  it('lists the session with the demo track, car and best lap', async () => {
    const result = await runCli(['sessions', '--json', '--db', tmp.db]);
    const { sessions } = JSON.parse(result.stdout) as { sessions: { id: number; game: string; track: string; lapCount: number; bestLapTime: number; recording: boolean; source: string }[] };
    expect(sessions).toHaveLength(1);
    const truth = createDemoRun({ trackId: 'kestrel', laps: 5, seed: 1 }).groundTruth.lapTimes;
    expect(sessions[0]).toMatchObject({ id: 1, game: 'demo', track: 'Kestrel Park', lapCount: 7, recording: false, source: 'demo' });
    expect(Math.abs(sessions[0]!.bestLapTime - Math.min(...truth))).toBeLessThanOrEqual(0.001);
    const human = await runCli(['sessions', '--db', tmp.db]);
    expect(human.stdout).toMatch(/^ID\s+STARTED\s+GAME\s+TRACK/);
    expect(human.stdout).toContain('Kestrel Park');
  });

  it('gives one clear line and exit 1 for an unknown session, and exit 2 for a usage error', async () => {
    const unknown = await runCli(['laps', '--session', '99', '--db', tmp.db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim().split('\n')[0]).toBe('racecraft: unknown session 99');
    expect(unknown.stderr).not.toMatch(/at .*\.js:\d+/);
    const usage = await runCli(['laps', '--bogus']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/unknown option '--bogus'/);
  });

  it('says "nothing recorded yet" for a fresh database instead of failing', async () => {
    const fresh = tempDir();
    try {
      const result = await runCli(['laps', '--db', fresh.db]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^racecraft: nothing recorded yet/);
    } finally {
      fresh.cleanup();
    }
  });
});
