import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, collect, ROOT, runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { demoFixture, PLANTED } from './report-fixture.js';

/**
 * The analysis commands as a user runs them: the built binary on a planted-error demo session
 * (Kestrel Park, 6 laps, lap 3 brakes 20 m early at T4), recorded into a file beforehand.
 */
describe('racecraft report / compare / corners / shifts (built binary)', () => {
  const tmp = tempDir();
  const run = (...args: string[]): Promise<CliResult> => runCli([...args, '--db', tmp.db]);

  beforeAll(() => {
    assertBuilt();
    demoFixture(PLANTED, tmp.db).store.close();
  });
  afterAll(() => tmp.cleanup());

  it('report lap 3 --json: one JSON document on stdout, 11 corners, losses summing exactly to δ, T4 first', async () => {
    const r = await run('report', 'lap', '3', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      schema: string; delta: number; lap: { time: number }; reference: { lapTime: number; kind: string };
      corners: { number: number; loss: { total: number } }[]; straights: { loss: number }[]; tips: { corner: number; text: string }[]; curves: { delta: number[] };
    };
    expect(doc.schema).toBe('racecraft.lap-report/1');
    expect(doc.reference.kind).toBe('best');
    expect(doc.corners).toHaveLength(11);
    expect(doc.corners.reduce((s, c) => s + c.loss.total, 0) + doc.straights.reduce((s, x) => s + x.loss, 0)).toBe(doc.delta);
    expect(Math.abs(doc.delta - (doc.lap.time - doc.reference.lapTime))).toBeLessThan(1e-3);
    expect(Math.abs(doc.curves.delta.at(-1)! - (doc.lap.time - doc.reference.lapTime))).toBeLessThan(1e-3);
    expect(doc.tips[0]!.corner).toBe(4);
    expect(doc.tips[0]!.text).toMatch(/^T4: braked 20 m earlier than your best/);
  });

  it('report lap 3: the corner table, the speed chart and the coaching, on stdout only', async () => {
    const r = await run('report', 'lap', '3');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^CORNER +DIR +ENTRY +MIN +EXIT +ΔMIN +BRAKE@ +ΔBRAKE +BRK +MID +EXIT +LOSS$/m);
    expect(r.stdout).toMatch(/^T4 +L .* -20 /m);
    expect(r.stdout).toMatch(/^SPEED km\/h: lap 3 ─ solid, lap 2 · dotted\n {2}\(the dotted line is hidden wherever the solid one covers it\)$/m);
    expect(r.stdout).toMatch(/^ +\d+ [┤┼]/m);
    expect(r.stdout).toMatch(/^ {2}T4: braked 20 m earlier than your best/m);
    // Piped: 100 columns.
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
  });

  it('--vs lap 1 and --units imperial', async () => {
    const r = await run('report', 'lap', '3', '--vs', 'lap', '1', '--units', 'imperial');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^lap 3 {2}1:32\.695 {2}flying, valid {2}vs lap 1 1:32\.801 {2}Δ -0\.106 s$/m);
    expect(r.stdout).toMatch(/^SPEED mph: /m);
    expect(r.stdout).toMatch(/T4: braked \d+ ft earlier than lap 1/);
  });

  it('an unknown lap or session, a bad --vs or --units, no database: exit 1 with one line (and a hint), nothing on stdout', async () => {
    const lap = await run('report', 'lap', '12');
    expect(lap.code).toBe(1);
    expect(lap.stdout).toBe('');
    expect(lap.stderr).toBe('racecraft: session 1 has no lap 12 (laps 0–7)\n');
    const session = await run('report', 'lap', '3', '--session', '9');
    expect(session.code).toBe(1);
    expect(session.stdout).toBe('');
    expect(session.stderr.split('\n')[0]).toBe('racecraft: unknown session 9');
    const vs = await run('report', 'lap', '3', '--vs', 'fastest');
    expect(vs.code).toBe(1);
    expect(vs.stderr).toBe("racecraft: --vs 'fastest' is not a lap to compare with\n  use --vs best, --vs lap N (or --vs N) or --vs ref\n");
    const units = await run('compare', '3', '4', '--units', 'parsecs');
    expect(units.code).toBe(1);
    expect(units.stderr).toBe("racecraft: --units must be metric or imperial, got 'parsecs'\n");
    const none = await runCli(['report', 'session', '--db', `${tmp.dir}/nothing-here.db`]);
    expect(none.code).toBe(1);
    expect(none.stderr.split('\n')[0]).toMatch(/^racecraft: nothing recorded yet \(no database at .*nothing-here\.db\)$/);
  });

  it('| head -1: the reader closing the pipe early is not an error', async () => {
    const child = spawn('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${BIN}" report lap 3 --db "${tmp.db}" | head -1`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const r = await collect(child, 60_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('session 1 · demo · Kestrel Park · Racecraft RC-1\n');
  });

  it('compare 3 2 --json and its human delta trace and loss table', async () => {
    const json = await run('compare', '3', '2', '--json');
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout) as { schema: string; a: { number: number }; b: { number: number }; delta: number; corners: { loss: { total: number } }[]; straights: { loss: number }[]; lossSums: { total: number } };
    expect(doc.schema).toBe('racecraft.compare/1');
    expect([doc.a.number, doc.b.number]).toEqual([3, 2]);
    expect(doc.lossSums.total).toBe(doc.delta);
    const text = await run('compare', '3', '2');
    expect(text.stdout).toMatch(/^Kestrel Park · lap 3 1:32\.695 \(flying, valid\) vs lap 2 1:32\.620 {2}Δ \+0\.075 s$/m);
    expect(text.stdout).toMatch(/^DELTA s: time behind lap 2 along the lap/m);
    expect(text.stdout).toMatch(/^sum: corners [+-]\d\.\d{3} {2}straights [+-]\d\.\d{3} {2}total \+0\.075 s$/m);
  });

  it('report session, corners and shifts: documented schemas, human tables', async () => {
    const session = await run('report', 'session', '--json');
    expect(session.code).toBe(0);
    expect((JSON.parse(session.stdout) as { schema: string }).schema).toBe('racecraft.session-report/1');
    const corners = await run('corners', '--json');
    const c = JSON.parse(corners.stdout) as { schema: string; corners: { number: number; direction: string }[] };
    expect(c.schema).toBe('racecraft.corners/1');
    expect(c.corners.map((k) => `${k.number}${k.direction}`)).toEqual(['1R', '2L', '3R', '4L', '5R', '6R', '7R', '8L', '9R', '10R', '11L']);
    const shifts = await run('shifts');
    expect(shifts.code).toBe(0);
    expect(shifts.stdout).toMatch(/^GEAR +OPTIMAL rpm +AT km\/h +YOUR rpm +SHIFTS +LOST s +BASIS$/m);
    const text = await run('corners');
    expect(text.stdout).toMatch(/^T4 +left +\d+ +1466 +\d+ /m);
  });
});
