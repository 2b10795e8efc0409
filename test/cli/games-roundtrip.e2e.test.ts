import { afterAll, describe, expect, it } from 'vitest';
import { createDemoRun } from '../../src/engine/sim/index.js';
import { assertBuilt, runCli, tempDir } from '../helpers/cli.js';

type LapJson = { number: number; time: number; category: string; valid: boolean; timeSource: string };

/**
 * Every protocol end to end over real UDP: the demo plays the game (answering AC's handshake,
 * encrypting for GT7 after its heartbeat) and the recorder decodes it like the real thing.
 */
describe('demo round trip per game over UDP', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const truth = createDemoRun({ trackId: 'kestrel', laps: 2, seed: 1 }).groundTruth.lapTimes;

  async function record(game: string): Promise<LapJson[]> {
    const db = `${tmp.dir}/${game}.db`;
    const demo = await runCli(['demo', '--game', game, '--laps', '2', '--speed', 'max', '--headless', '--db', db], { timeoutMs: 90_000 });
    expect(demo.stderr).not.toMatch(/internal error/);
    expect(demo.code).toBe(0);
    const laps = await runCli(['laps', '--json', '--db', db]);
    return (JSON.parse(laps.stdout) as { laps: LapJson[] }).laps;
  }

  // Games that send their own lap time: equal to the simulator's within 1 ms.
  it.each(['f1', 'ac', 'forza', 'gt7', 'pcars2'])('%s: flying lap times equal the ground truth within 1 ms', async (game) => {
    assertBuilt();
    const laps = await record(game);
    const flying = laps.filter((l) => l.category === 'flying');
    expect(flying).toHaveLength(2);
    flying.forEach((lap, i) => {
      expect(lap.valid).toBe(true);
      expect(lap.timeSource).toBe('game');
      expect(Math.abs(lap.time - truth[i]!)).toBeLessThanOrEqual(0.001);
    });
  }, 120_000);

  // OutSim sends no lap time: crossings are interpolated between samples.
  it('outsim: flying lap times equal the ground truth within one sample', async () => {
    const flying = (await record('outsim')).filter((l) => l.category === 'flying');
    expect(flying).toHaveLength(2);
    flying.forEach((lap, i) => {
      expect(lap.timeSource).toBe('interpolated');
      expect(Math.abs(lap.time - truth[i]!)).toBeLessThanOrEqual(1 / 60);
    });
  }, 120_000);

  // OutGauge carries no lap counter or position: the stint is kept whole, never dropped.
  it('outgauge: the whole stint is recorded as one lap-less segment', async () => {
    const laps = await record('outgauge');
    expect(laps).toHaveLength(1);
    expect(laps[0]!.category).toBe('incomplete');
    expect(laps[0]!.time).toBeGreaterThan(truth[0]! + truth[1]!);
  }, 120_000);
});
