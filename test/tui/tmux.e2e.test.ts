import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, assertBuilt, runCli, tempDir } from '../helpers/cli.js';

/**
 * The workstation as a person uses it: `racecraft demo` in a real terminal (tmux), every
 * screen visited by number keys and Tab, the screen text read back with capture-pane, quit
 * with q, and the session found saved. Needs tmux (CI installs it); without it the suite is
 * skipped with the reason in its name.
 */
const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `racecraft-e2e-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', 'rc');
}

async function waitFor(what: string, test: (text: string) => boolean, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = screen();
    if (test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`timed out waiting for ${what}; the screen was:\n${text}`);
}

/** Sends keys one by one and returns the screen once `expected` shows. */
async function press(key: string, expected: RegExp | string | ((text: string) => boolean), timeoutMs = 10_000): Promise<string> {
  tmux('send-keys', '-t', 'rc', key);
  const test = typeof expected === 'string' ? (t: string) => t.includes(expected) : typeof expected === 'function' ? expected : (t: string) => expected.test(t);
  return waitFor(`'${String(expected)}' after ${key}`, test, timeoutMs);
}

/** Starts the demo in a detached tmux session of the given size. */
function startDemo(db: string, columns: number, rows: number): void {
  start(db, columns, rows, ['demo', '--laps', '2', '--speed', '4']);
}

/** Runs racecraft with `args` in a detached tmux session of the given size; Ink must not think it runs in CI. */
function start(db: string, columns: number, rows: number, args: readonly string[]): void {
  const command = `cd ${JSON.stringify(ROOT)} && env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${args.join(' ')} --db ${JSON.stringify(db)}; echo "EXIT=$?"; sleep 60`;
  tmux('new-session', '-d', '-s', 'rc', '-x', String(columns), '-y', String(rows), command);
}

/** The screen fits `columns` x `rows` with the tab bar on top: nothing scrolled, nothing wrapped. */
function expectFits(text: string, columns: number, rows: number): void {
  const lines = text.replace(/\n+$/, '').split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows);
  for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
  expect(lines[0]).toContain('1 Live  2 Laps');
}

/**
 * Ends the session's programs by pid before the server: a test that failed part-way must not
 * leave a demo running (it would keep its UDP socket and database open).
 */
function stopTmux(): void {
  const panes = spawnSync('tmux', ['-L', SOCKET, 'list-panes', '-a', '-F', '#{pane_pid}'], { encoding: 'utf8' });
  for (const pane of (panes.stdout ?? '').split('\n').filter((p) => /^\d+$/.test(p))) {
    const children = spawnSync('ps', ['-o', 'pid=', '--ppid', pane], { encoding: 'utf8' }).stdout ?? '';
    for (const pid of children.split('\n').map((p) => Number(p.trim())).filter((p) => p > 0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
}

describe.skipIf(!HAS_TMUX)('racecraft demo in a terminal (tmux, end to end)', () => {
  afterAll(stopTmux);

  it('visits every screen at 120x40, quits with q mid-lap and keeps the recording', async () => {
    assertBuilt();
    const tmp = tempDir();
    try {
      startDemo(tmp.db, 120, 40);
      // A busy machine can catch the terminal between two writes of the first paint: wait for the
      // whole instrument panel, then check it.
      const LIVE_LABELS = ['RPM ', 'Kestrel Park', 'THR ', 'BRK ', 'STR ', 'LAP ', 'packets '];
      let text = await waitFor('the live screen', (t) => LIVE_LABELS.every((label) => t.includes(label)), 15_000);
      expect(text).toContain(' 1 Live  2 Laps  3 Report  4 Compare  5 Map  6 Car  7 Library');
      // Lap 1 ends 97 s into the demo: about 24 s at 4x.
      text = await waitFor('lap 1 to complete', (t) => t.includes('last 1:32.918'), 45_000);
      expect(text).toMatch(/S1 .* S2 .* S3 /);
      // One frame on the screen: no line left behind by an earlier one.
      expect(text.split('RPM ')).toHaveLength(2);
      expect(text.split('packets ')).toHaveLength(2);

      text = await press('2', 'CATEGORY');
      expect(text).toMatch(/1 {2}1:32\.918 .* ✓ +flying/);
      text = await press('3', /Lap 1 · 1:32\.918 vs|needs the database/);
      expect(text, 'src/cli/capture-command.ts must pass the store to runLiveTui').not.toContain('needs the database');
      expect(text).toContain('CORNER    LOSS');
      text = await press('j', /speed \(km\/h\) · T1 · \d+–\d+ m/);
      text = await press('4', 'mark two laps with c');
      text = await press('2', 'CATEGORY');
      await press('j', '▶   1');
      text = await press('c', 'CMP1');
      text = await press('4', /lap 1 · 1:32\.918 vs .*Δ/);
      expect(text).toContain('delta (s): lap 1 minus');
      text = await press('5', /4599 m · 11 corners · ┃ start\/finish · ● car/);
      expect(text).toMatch(/T1 +right +510 m/);
      text = await press('6', 'Shift points');
      expect(text).toContain('Grip envelope');
      text = await press('7', /Library +·/);
      text = await press('?', 'Keys (? or Esc closes)');
      expect(text).toContain('q ^C   quit (the recording is saved)');
      text = await press('Escape', 'Local (');
      // Tab from the last screen wraps to Live.
      text = await press('Tab', 'RPM ');

      tmux('send-keys', '-t', 'rc', 'q');
      text = await waitFor('the program to exit', (t) => /EXIT=\d+/.test(t), 15_000);
      expect(text).toContain('EXIT=0');
      expect(text).toMatch(/saved session 1: \d+ lap\(s\), best 1:32\.918/);

      const laps = await runCli(['laps', '--json', '--db', tmp.db]);
      expect(laps.code).toBe(0);
      const saved = JSON.parse(laps.stdout) as { laps: { number: number; time: number; category: string }[] };
      expect(saved.laps.find((l) => l.number === 1)).toMatchObject({ category: 'flying' });
      expect(saved.laps.find((l) => l.number === 1)!.time).toBeCloseTo(92.918, 3);
      // Quitting mid-lap keeps the lap in progress as incomplete.
      expect(saved.laps.at(-1)).toMatchObject({ number: 2, category: 'incomplete' });
    } finally {
      stopTmux();
      tmp.cleanup();
    }
  }, 120_000);

  it('fits every screen in 80x24 and quits with Ctrl-C', async () => {
    assertBuilt();
    const tmp = tempDir();
    try {
      startDemo(tmp.db, 80, 24);
      const checks: [string, RegExp | string][] = [
        ['2', 'CATEGORY'],
        ['3', /Lap report|Lap \d ·/],
        ['4', 'Compare'],
        ['5', /corners|line driven so far|no track map yet/],
        ['6', 'Shift points'],
        ['7', 'Library'],
        ['1', 'RPM '],
        ['Tab', 'CATEGORY'],
        ['BTab', 'RPM '],
      ];
      await waitFor('the live screen', (t) => t.includes('RPM '), 15_000);
      for (const [key, expected] of checks) {
        const text = await press(key, expected);
        const lines = text.replace(/\n+$/, '').split('\n');
        expect(lines.length).toBeLessThanOrEqual(24);
        for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
        // The tab bar stays on the first line: nothing scrolled it away.
        expect(lines[0]).toContain('1 Live  2 Laps');
      }
      tmux('send-keys', '-t', 'rc', 'C-c');
      const text = await waitFor('the program to exit', (t) => /EXIT=\d+/.test(t), 15_000);
      expect(text).toContain('EXIT=0');
      const sessions = await runCli(['sessions', '--json', '--db', tmp.db]);
      expect(JSON.parse(sessions.stdout)).toMatchObject({ sessions: [{ id: 1, recording: false, source: 'demo' }] });
    } finally {
      stopTmux();
      tmp.cleanup();
    }
  }, 60_000);

  it('maps a known track from the first lap of a new session, redraws on resize, and browses the sessions', async () => {
    assertBuilt();
    const tmp = tempDir();
    try {
      // An earlier session at the same track, recorded without a screen.
      const earlier = await runCli(['demo', '--laps', '1', '--speed', 'max', '--headless', '--db', tmp.db]);
      expect(earlier.code).toBe(0);
      start(tmp.db, 120, 40, ['demo', '--laps', '1', '--speed', '4', '--seed', '2']);
      await waitFor('the live screen', (t) => t.includes('RPM ') && t.includes('LAP 1'), 15_000);
      let text = await press('5', 'map from session 1');
      expect(text).toMatch(/4599 m · 11 corners · ┃ start\/finish · ● car · map from session 1/);
      expect(text).toMatch(/T1 +right +510 m/);
      expect(text).not.toContain('the line driven so far');

      tmux('resize-window', '-t', 'rc', '-x', '80', '-y', '24');
      text = await waitFor('the 80x24 redraw', (t) => t.includes('map from session 1') && t.split('\n')[0]!.trimEnd().endsWith('? help'), 10_000);
      expectFits(text, 80, 24);
      tmux('resize-window', '-t', 'rc', '-x', '120', '-y', '40');
      text = await press('1', (t: string) => t.includes('RPM ') && t.includes('● live'));
      expectFits(text, 120, 40);
      // One frame on the screen: nothing left of the map or of the smaller layout.
      expect(text.split('RPM ')).toHaveLength(2);
      expect(text).not.toMatch(/[⠁-⣿]{3}.*T1 /);
      tmux('send-keys', '-t', 'rc', 'q');
      text = await waitFor('the program to exit', (t) => /EXIT=\d+/.test(t), 15_000);
      expect(text).toContain('EXIT=0');
      stopTmux();

      // A bare racecraft opens the session browser over both.
      start(tmp.db, 80, 24, []);
      text = await waitFor('the session browser', (t) => t.includes('Sessions in the database'), 15_000);
      expectFits(text, 80, 24);
      expect(text).toMatch(/ 2 .*Kestrel Park/);
      text = await press('Enter', 'CATEGORY');
      expect(text).toContain('Session 2 · demo · Kestrel Park');
      tmux('send-keys', '-t', 'rc', 'q');
      text = await waitFor('the program to exit', (t) => /EXIT=\d+/.test(t), 15_000);
      expect(text).toContain('EXIT=0');
    } finally {
      stopTmux();
      tmp.cleanup();
    }
  }, 90_000);
});

describe.skipIf(HAS_TMUX)('racecraft demo in a terminal (SKIPPED: tmux is not installed; `apt-get install tmux` to run it)', () => {
  it.skip('needs tmux', () => {});
});
