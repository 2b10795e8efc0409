import { describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../helpers/cli.js';

/*
 * The program has an action of its own (bare `racecraft` opens the session browser), so commander
 * hands it every word that is not a command: `help X` and typos must still be answered as a user
 * expects, with the right exit codes.
 */
describe('racecraft: words that are not commands', () => {
  it('a typo: one usage line with a suggestion, exit 2', async () => {
    assertBuilt();
    const r = await runCli(['reprot', 'lap', '3']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("error: unknown command 'reprot' (did you mean report?)");
    expect(r.stderr).not.toContain('    at ');
  });

  it('help COMMAND prints that command\'s help and exits 0; help of nothing known exits 2', async () => {
    const r = await runCli(['help', 'report']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: racecraft report [options] [command]');
    expect(r.stderr).toBe('');
    const none = await runCli(['help', 'warp']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("error: unknown command 'warp'");
  });

  it('--help lists every command though a run loads only the one it names', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const name of ['record', 'demo', 'report', 'tracks', 'library', 'games']) expect(r.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });
});
