import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { assertBuilt, collect, runCli, startCli, tempDir } from '../helpers/cli.js';
import { freeUdpPort } from '../helpers/ports.js';

const SPEED = 4;

describe('a recording killed with SIGKILL in mid-lap (end to end)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('keeps every completed lap, recovers the partial lap minus at most the last second, and the database is intact', async () => {
    assertBuilt();
    const port = await freeUdpPort();
    const recorder = startCli(['record', '--game', 'f1', '--port', String(port), '--headless', '--json', '--db', tmp.db]);
    const recorded = collect(recorder, 120_000);
    const lapLines: { lap: number; category: string; endT: number }[] = [];
    let sawLap1At = 0;
    const lap1Seen = new Promise<void>((resolve) => {
      let buffer = '';
      recorder.stdout!.on('data', (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const record = JSON.parse(buffer.slice(0, nl)) as { lap: number; category: string; endT: number };
          buffer = buffer.slice(nl + 1);
          lapLines.push(record);
          if (record.lap === 1 && record.category === 'flying') {
            sawLap1At = performance.now();
            resolve();
          }
        }
      });
    });
    // Wait until the recorder listens before the game starts sending.
    await new Promise((r) => setTimeout(r, 800));
    const sender = startCli(['demo', '--to', `127.0.0.1:${port}`, '--laps', '2', '--speed', String(SPEED)]);
    const sent = collect(sender, 120_000);
    await Promise.race([
      lap1Seen,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no flying lap 1 within 60 s; laps seen: ${JSON.stringify(lapLines)}`)), 60_000)),
    ]);
    // Kill in the middle of lap 2, ~4 s of wall time (16 s of game time) after the line.
    await new Promise((r) => setTimeout(r, 4000));
    const killedAt = performance.now();
    recorder.kill('SIGKILL');
    const killed = await recorded;
    expect(killed.signal).toBe('SIGKILL');
    const lap1 = lapLines.find((l) => l.lap === 1)!;
    const gameTimeAtKill = lap1.endT + ((killedAt - sawLap1At) / 1000) * SPEED;

    // Reading the database afterwards recovers the dead recorder's session.
    const laps = await runCli(['laps', '--json', '--db', tmp.db]);
    expect(laps.code).toBe(0);
    expect(laps.stderr).toMatch(/recovered interrupted session 1/);
    const listed = (JSON.parse(laps.stdout) as { laps: { number: number; category: string; endT: number; time: number }[] }).laps;
    expect(listed.map((l) => [l.number, l.category])).toEqual([
      [0, 'out'],
      [1, 'flying'],
      [2, 'incomplete'],
    ]);
    const partial = listed[2]!;
    // At most the last second of wall time (SPEED seconds of game time) is lost, plus delivery slack.
    expect(gameTimeAtKill - partial.endT).toBeLessThan(SPEED * 1.0 + 0.8);
    expect(partial.time).toBeGreaterThan(10);

    const db = new Database(tmp.db, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT recovered, ended_at IS NOT NULL AS ended FROM sessions WHERE id = 1').get()).toEqual({ recovered: 1, ended: 1 });
    } finally {
      db.close();
    }
    sender.kill('SIGKILL');
    await sent.catch(() => undefined);
  }, 120_000);
});
