import { render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FrameBus } from '../../../src/engine/capture/frame-bus.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { Workstation, type WorkstationProps } from '../../../src/tui/Workstation.js';
import { KEYS, eventually, recordDemo, settle, steady, type RecordedDemo } from '../fixtures.js';

/**
 * The whole workstation over a real recording: an earlier demo session (2 laps, seed 2) and a
 * demo being recorded now (seed 1, stopped 240 s in: laps 0–2 done, lap 3 in progress).
 * The simulator's lap times: seed 1 lap 1 1:32.918, lap 2 1:32.829; seed 2 lap 1 1:32.525,
 * which is the personal best the default reference ('best') picks.
 */
let store: Store;
let earlier: RecordedDemo;
let live: RecordedDemo;

beforeAll(() => {
  store = openStore(':memory:');
  earlier = recordDemo({ laps: 2, seed: 2, store, startedAt: Date.UTC(2026, 0, 1, 9, 0) });
  live = recordDemo({ laps: 3, seed: 1, untilT: 240, store, startedAt: Date.UTC(2026, 0, 2, 10, 0) });
});

const apps: { unmount(): void }[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.unmount();
});

async function open(props: Partial<WorkstationProps> = {}, size = { columns: 100, rows: 30 }) {
  const app = render(<Workstation sources={{ bus: live.bus, store, sessionId: live.sessionId }} size={size} fps={0} {...props} />);
  apps.push(app);
  await settle();
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      await settle();
    }
    return steady(() => app.lastFrame() ?? '');
  };
  return { app, press, frame: () => app.lastFrame() ?? '' };
}

function lines(frame: string): string[] {
  return frame.split('\n');
}

describe('Live', () => {
  it('shows the instruments, lap timing, sectors, the delta to the reference and the counters', async () => {
    const { frame } = await open();
    const f = frame();
    const latest = live.bus.latest()!;
    expect(f).toContain('demo · Kestrel Park · Racecraft RC-1 · practice');
    expect(f).toContain('ref personal best (session 1) · 1:32.525');
    expect(f).toContain(`${Math.round(latest.speed! * 3.6)} km/h   gear ${latest.gear}   ${Math.round(latest.rpm!)} rpm`);
    for (const label of ['RPM ', 'THR ', 'BRK ', 'CLU ', 'STR ']) expect(f).toContain(label);
    expect(f).toContain(`THR ${'█'.repeat(Math.floor(latest.throttle! * 50))}`.slice(0, 8));
    expect(f).toMatch(/LAP 3 {3}0:50\.026 {3}last 1:32\.829 {3}best 1:32\.829/);
    expect(f).toMatch(/Δ {3,4}[+-]\d\.\d\d /);
    expect(f).toContain('S1 34.886   S2 ▶        S3 ––.–––');
    expect(f).toContain('speed (km/h) by lap distance: this lap over the reference');
    expect(f).toContain('packets 57604  frames 14401  dropped 0  skipped 0  laps 3');
    // The computed shift point for the current gear is marked on the rev bar.
    expect(f).toMatch(/RPM [█▏▎▍▌▋▊▉ ]+┃[█▏▎▍▌▋▊▉ ]* ┃ shift \d{4}/);
  });

  it('switches to imperial units with u', async () => {
    const { press } = await open();
    const f = await press('u');
    expect(f).toContain('speed (mph) by lap distance');
    expect(f).toMatch(/\d+ mph {3}gear/);
  });

  it('fits 80x24 without a line too long or too many lines', async () => {
    const { frame, press } = await open({}, { columns: 80, rows: 24 });
    for (const screen of [frame(), await press('2'), await press('3'), await press('4'), await press('5'), await press('6'), await press('7'), await press('?')]) {
      const ls = lines(screen);
      expect(ls.length).toBeLessThanOrEqual(23);
      for (const l of ls) expect([...l].length, l).toBeLessThanOrEqual(80);
    }
  });

  it('at 80x24 keeps whole what matters: the reference on Laps, the shift losses and g figures on Car, the quit key', async () => {
    const { press } = await open({}, { columns: 80, rows: 24 });
    let f = await press('2');
    let ls = lines(f);
    expect(ls[1]).toBe('Session 2 (recording) · demo · Kestrel Park · Racecraft RC-1 · practice');
    expect(ls[2]).toBe('ref personal best (session 1) · 1:32.525');
    // The footer drops the hints that do not fit, whole, and always ends with help and quit.
    expect(ls.at(-1)).toBe('↑ k move up · ↓ j move down · PgUp page up · PgDn page down · ? help · q quit');
    f = await press('6');
    ls = lines(f);
    expect(ls[3]).toMatch(/^GEAR {2}SHIFT AT {5}SPEED {2}BASIS {10}YOU {3}N {4}LOST {2}/);
    expect(f).toMatch(/lateral \d\.\d\d g {2}braking \d\.\d\d g {2}traction \d\.\d\d g /);
    expect(f).toMatch(/98th percentile of \d+ samples · ←→ speed band/);
    expect(ls.at(-1)).toBe('← h slower speed band · → l faster speed band · ? help · q quit');
    f = await press('7');
    expect(lines(f).at(-1)).toMatch(/ · \? help · q quit$/);
  });
});

describe('a terminal smaller than 80x24', () => {
  it('clips each screen at the bottom instead of squeezing its lines over each other', async () => {
    const { press } = await open({}, { columns: 50, rows: 15 });
    // The report's title stays whole on its line: before, the window line was drawn over it.
    let f = await press('2', 'j', 'j', KEYS.enter);
    let ls = lines(f);
    expect(ls[1]).toMatch(/^Lap 2 · 1:32\.829 vs personal best/);
    expect(ls[2]).toBe('speed (km/h) · whole lap · ↑↓ corners');
    // The help overlay lists the keys in table order from the top, cut at the bottom.
    f = await press('?');
    ls = lines(f);
    expect(ls.slice(1, 5)).toEqual(['Keys (? or Esc closes)', '', 'Everywhere', '1      Live screen']);
    for (const l of ls.slice(4, -1)) expect(l).toMatch(/^(\S+ ?\S* +\S.*|)$/);
    expect(ls.length).toBeLessThanOrEqual(15);
    f = await press(KEYS.escape, '6');
    ls = lines(f);
    expect(ls[1]).toMatch(/^Car · demo · Kestrel Park/);
    expect(ls[2]).toBe('Shift points');
    expect(ls.length).toBeLessThanOrEqual(15);
  });
});

describe('Laps', () => {
  it('lists the laps with times, gaps, sectors, validity, category and marks', async () => {
    const { press } = await open();
    const ls = lines(await press('2'));
    // 100 columns hold the title or the reference, so the reference has its own line.
    expect(ls[1]).toBe('Session 2 (recording) · demo · Kestrel Park · Racecraft RC-1 · practice');
    expect(ls[2]).toBe('ref personal best (session 1) · 1:32.525');
    expect(ls.slice(3, 7)).toEqual([
      '  LAP      TIME     GAP      S1      S2      S3  OK  CATEGORY  MARK',
      '▶   0  0:04.227                                  ✗   out',
      '    1  1:32.918  +0.088  34.946  30.683  27.288  ✓   flying',
      '    2  1:32.829  ±0.000  35.106  30.570  27.154  ✓   flying    best',
    ]);
  });

  it('moves with arrows and j/k, makes a lap the reference with r and marks laps with c', async () => {
    const { press } = await open();
    await press('2');
    let f = await press('j');
    expect(f).toContain('▶   1  1:32.918');
    f = await press(KEYS.down, 'k');
    expect(f).toContain('▶   1  1:32.918');
    f = await press('r');
    expect(f).toContain('reference: lap 1');
    expect(f).toMatch(/1 {2}1:32\.918 {2}\+0\.088 .* flying {4}REF/);
    expect(f).toContain('ref lap 1 · 1:32.918');
    f = await press('c', KEYS.down, 'c');
    // The second mark opens Compare; back on Laps both marks show.
    expect(f).toContain('lap 1 · 1:32.918 vs lap 2 · 1:32.829  Δ +0.088');
    f = await press('2');
    expect(f).toMatch(/1 {2}1:32\.918 .* REF CMP1/);
    expect(f).toMatch(/2 {2}1:32\.829 .* CMP2 best/);
    f = await press('c');
    expect(f).not.toContain('CMP2');
    f = await press(KEYS.up, KEYS.up, 'r');
    expect(f).toContain('lap 0 (out) does not run line to line: it cannot be the reference');
  });

  it('opens the lap report with Enter, and refuses a lap that does not run line to line', async () => {
    const { press } = await open();
    let f = await press('2', KEYS.enter);
    expect(f).toContain('lap 0 is an out lap: it does not run line to line, so it has no report');
    f = await press(KEYS.down, KEYS.enter);
    expect(f).toContain('Lap 1 · 1:32.918 vs personal best (session 1) · 1:32.525  Δ +0.393');
  });

  it('browses earlier sessions with s and returns to the current one with l', async () => {
    const { press } = await open();
    let f = await press('2', 's');
    expect(f).toContain('Sessions in the database (Enter opens, Esc back)');
    expect(f).toMatch(/ID +STARTED +GAME +TRACK +LAPS +BEST/);
    expect(f).toMatch(/▶ +2 .* demo +Kestrel Park +3 +1:32\.829 .* demo ●rec/);
    expect(f).toMatch(/ +1 .* demo +Kestrel Park +\d+ +\d:\d\d\.\d{3}/);
    f = await press(KEYS.down, KEYS.enter);
    const earlierLaps = store.laps.list(earlier.sessionId);
    expect(f).toContain('Session 1 · demo · Kestrel Park');
    expect(f).toContain(`1  ${fmt(earlierLaps[1]!.time)}`);
    f = await press('l');
    expect(f).toContain('Session 2 (recording)');
    f = await press('s', KEYS.escape);
    expect(f).not.toContain('Sessions in the database');
  });
});

describe('Lap report', () => {
  it('shows the speed trace, pedal traces, corner table and tips; scrolls through corners', async () => {
    const { press, frame } = await open();
    await press('2', 'j', 'r', 'j', KEYS.enter);
    // The report analyses the lap after Enter: on a loaded machine that can outlast `steady`.
    let f = await eventually(frame, 'CORNER    LOSS', 10_000);
    expect(f).toContain('Lap 2 · 1:32.829 vs lap 1 · 1:32.918  Δ -0.088');
    expect(f).toContain('speed (km/h) · whole lap · ↑↓ corners');
    for (const label of ['THR    ', 'BRK    ', 'ref    ']) expect(f).toContain(label);
    expect(f).toContain('  CORNER    LOSS  BRAKING    MID   EXIT  BRAKE PT  APEX  REF  EXIT SPD  REF');
    expect(f).toMatch(/^ {2}T1 +[-+±]\d\.\d{3} /m);
    expect(f).toMatch(/» T\d+: .*: \d\.\d\d s/);
    f = await press('j');
    expect(f).toMatch(/speed \(km\/h\) · T1 · \d+–\d+ m/);
    expect(f).toMatch(/▶ T1 /);
    f = await press('j', 'k', 'k');
    expect(f).toContain('whole lap');
    f = await press(KEYS.escape);
    expect(f).toContain('  LAP      TIME     GAP');
  });

  it('gives the corner table every row the tips leave at 80x24, no blank lines between', async () => {
    const { press, frame } = await open({}, { columns: 80, rows: 24 });
    await press('2', 'j', 'r', 'j', KEYS.enter);
    const ls = lines(await eventually(frame, 'CORNER    LOSS', 10_000));
    const corners = ls.filter((l) => /^[ ▶] T\d+ /.test(l));
    const tips = ls.filter((l) => l.startsWith('» '));
    expect(tips.length).toBeGreaterThanOrEqual(1);
    expect(corners.length + tips.length).toBe(8);
    expect(ls[ls.indexOf(tips[0]!) - 1]).toMatch(/^[ ▶] T\d+ /);
  });

  it('reports the reference lap itself against the next best lap, not against itself', async () => {
    const { press, frame } = await open();
    await press('2', 'j', 'r');
    await press(KEYS.enter);
    const f = await eventually(frame, 'CORNER    LOSS', 10_000);
    expect(f).toContain('Lap 1 · 1:32.918 vs next best, lap 2 · 1:32.829 (lap 1 is the reference)  Δ +0.088');
    expect(f).not.toContain('Δ ±0.000');
  });

  it('reports the latest complete lap when none was picked', async () => {
    const { press } = await open();
    const f = await press('3');
    expect(f).toContain('Lap 2 · 1:32.829 vs personal best (session 1) · 1:32.525  Δ +0.305');
  });
});

describe('Compare', () => {
  it('asks for laps until two are marked, then overlays them with the delta and the loss per corner', async () => {
    const { press } = await open();
    let f = await press('4');
    expect(f).toContain('mark two laps with c on the Laps screen (2)');
    f = await press('2', 'j', 'c', '4');
    expect(f).toContain('lap 1 · 1:32.918 vs personal best (session 1) · 1:32.525');
    f = await press('2', 'j', 'c');
    expect(f).toContain('lap 1 · 1:32.918 vs lap 2 · 1:32.829  Δ +0.088');
    expect(f).toContain('speed (km/h) · whole lap · lap 1 over lap 2');
    expect(f).toContain('delta (s): lap 1 minus lap 2, rising = losing time');
    expect(f).toContain('  CORNER    LOSS');
    f = await press('j', 'j');
    expect(f).toMatch(/· T2 · \d+–\d+ m · lap 1 over lap 2/);
    // Zoomed on a corner the delta spans hundredths: its axis labels thousandths, each row its own.
    const ls = lines(f);
    const axis = ls.slice(ls.findIndex((l) => l.startsWith('delta (s)')) + 1, ls.findIndex((l) => l.startsWith('  CORNER')));
    const labels = axis.map((l) => l.slice(0, 6).trim());
    expect(labels.length).toBeGreaterThanOrEqual(3);
    for (const label of labels) expect(label).toMatch(/^[-+±]\d\.\d{3}$/);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe('Track map', () => {
  it('draws the track with numbered corners and the car', async () => {
    const { press } = await open();
    const f = await press('5');
    expect(f).toContain('4599 m · 11 corners · ┃ start/finish · ● car');
    expect(f).toContain('T1  right   510 m');
    expect(f).toContain('T11 left   4005 m');
    expect(f).toMatch(/car \d+ m/);
    expect(f).toMatch(/[⠁-⣿]/);
    // The car on the map, its legend, and the tab bar's live mark.
    expect(f.split('●')).toHaveLength(4);
  });
});

describe('a new session at a track driven before', () => {
  /** An earlier session (seed 2, 2 laps) and a new one 40 s in: its first timed lap is not complete yet. */
  let known: Store;
  let fresh: RecordedDemo;
  beforeAll(() => {
    known = openStore(':memory:');
    recordDemo({ laps: 2, seed: 2, store: known, startedAt: Date.UTC(2026, 0, 1, 9, 0) });
    fresh = recordDemo({ laps: 3, seed: 1, untilT: 40, store: known, startedAt: Date.UTC(2026, 0, 2, 10, 0) });
  });
  const openFresh = () => open({ sources: { bus: fresh.bus, store: known, sessionId: fresh.sessionId } });

  it('maps the track with its corner numbers from the earlier session until this one has a lap', async () => {
    const { press } = await openFresh();
    const f = await press('5');
    expect(f).not.toContain('the line driven so far');
    expect(f).toContain('4599 m · 11 corners · ┃ start/finish · ● car · map from session 1');
    expect(f).toContain('T1  right   510 m');
    expect(f).toContain('T11 left   4005 m');
    expect(f).toMatch(/car \d+ m/);
    expect(f.split('●')).toHaveLength(4);
  });

  it('maps the track from a session in another car, with no reference and the car profile still to come', async () => {
    const other = openStore(':memory:');
    recordDemo({ laps: 2, seed: 2, store: other, startedAt: Date.UTC(2026, 0, 1, 9, 0) });
    const car = { carKey: 'demo:rc2', carName: 'Racecraft RC-2' };
    const now = recordDemo({ laps: 3, seed: 1, untilT: 40, store: other, startedAt: Date.UTC(2026, 0, 2, 10, 0), car });
    const { press } = await open({ sources: { bus: now.bus, store: other, sessionId: now.sessionId } });
    let f = await press('5');
    expect(f).toContain('4599 m · 11 corners · ┃ start/finish · ● car · map from session 1');
    f = await press('6');
    expect(f).toContain('Car · demo · Kestrel Park · Racecraft RC-2');
    expect(f).not.toContain('from session 1');
  });

  it('shows the car profile of the earlier session, and its shift point on the rev bar', async () => {
    const { frame, press } = await openFresh();
    expect(frame()).toMatch(/RPM [█▏▎▍▌▋▊▉ ]+┃[█▏▎▍▌▋▊▉ ]* ┃ shift \d{4}/);
    const f = await press('6');
    expect(f).toContain('Shift points · from session 1');
    expect(f).toMatch(/ 2→3 +\d{4} +\d+ km\/h +(crossover|extrapolated|limiter)/);
    expect(f).toContain('Grip envelope · all speeds · from session 1');
    expect(f).toMatch(/lateral [1-9]\.\d\d g {2}braking [1-9]\.\d\d g {2}traction \d\.\d\d g/);
  });
});

describe('Car', () => {
  it('shows shift points per gear and the grip envelope; arrows pick a speed band', async () => {
    const { press } = await open();
    let f = await press('6');
    expect(f).toContain('GEAR  SHIFT AT     SPEED  BASIS          YOU   N    LOST');
    expect(f).toMatch(/ 2→3 +\d{4} +\d+ km\/h +(crossover|extrapolated|limiter)/);
    expect(f).toMatch(/limiter seen at \d{4} rpm/);
    expect(f).toContain('Grip envelope · all speeds');
    expect(f).toMatch(/lateral \d\.\d\d g {2}braking \d\.\d\d g {2}traction \d\.\d\d g/);
    expect(f).toContain('g-g  (±3 g, up = traction)');
    f = await press(KEYS.right);
    expect(f).toMatch(/Grip envelope · \d+–\d+ km\/h/);
    f = await press('h', 'h', 'h', 'h', 'h', 'h', 'h', 'h', 'h', 'h');
    expect(f).toContain('Grip envelope · all speeds');
  });
});

describe('help, screens and quitting', () => {
  it('shows every key of the keymap in the ? overlay and closes it with Esc', async () => {
    const { press } = await open();
    let f = await press('?');
    expect(f).toContain('Keys (? or Esc closes)');
    for (const line of ['1      Live screen', '7      Library screen', 'Tab    next screen', 'S-Tab  previous screen', 'u      metric / imperial', 'q ^C   quit (the recording is saved)']) expect(f).toContain(line);
    f = await press(KEYS.escape);
    expect(f).not.toContain('Keys (? or Esc closes)');
    f = await press('2', '?');
    expect(f).toContain('c      mark the lap to compare (the second opens Compare)');
  });

  it('cycles through all seven screens with Tab and back with Shift-Tab', async () => {
    const { press } = await open();
    const marks = ['LAP      TIME', 'Lap 2 · 1:32.829', 'mark two laps', '11 corners', 'Shift points', 'Library', 'RPM '];
    for (const mark of marks) expect(await press(KEYS.tab)).toContain(mark);
    expect(await press(KEYS.shiftTab)).toContain('Library');
  });

  it('takes every key of a read that holds several, each on the screen the one before it left', async () => {
    const { app, frame } = await open();
    // "2jr" in one read: Laps, move to lap 1, make it the reference.
    app.stdin.write('2jr');
    let f = await steady(frame);
    expect(f).toMatch(/▶ {3}1 {2}1:32\.918 .* flying {4}REF/);
    app.stdin.write('jc\r');
    f = await eventually(frame, 'CORNER    LOSS', 10_000);
    expect(f).toContain('Lap 2 · 1:32.829 vs lap 1 · 1:32.918  Δ -0.088');
  });

  it('quits with q and with Ctrl-C, calling onQuit once', async () => {
    const onQuit = vi.fn();
    const { press } = await open({ onQuit });
    await press('q');
    expect(onQuit).toHaveBeenCalledTimes(1);
    const other = vi.fn();
    const second = await open({ onQuit: other });
    await second.press(KEYS.ctrlC);
    expect(other).toHaveBeenCalledTimes(1);
  });
});

describe('without a live game or without a database', () => {
  it('opens on the session browser when browsing, and says no game is sending on Live', async () => {
    const { frame, press } = await open({ sources: { store }, browse: true });
    expect(frame()).toContain('Sessions in the database');
    // Other screens name their own keys in the footer while the browser stays open on Laps.
    let f = await press('7');
    expect(lines(f).at(-1)).toMatch(/^↑ k move up · ↓ j move down · p pull from the server · /);
    f = await press(KEYS.escape, '2');
    expect(f).toContain('Sessions in the database');
    expect(lines(f).at(-1)).toBe('↑↓ move · Enter open · Esc back · 1–7/Tab screens · ? help · q quit');
    f = await press(KEYS.enter);
    expect(f).toContain('Session 2 · demo · Kestrel Park');
    f = await press('1');
    expect(f).toContain('No game is sending to this workstation.');
  });

  it('waits for the game without claiming the database is missing', async () => {
    const { frame, press } = await open({ sources: { bus: new FrameBus(), store: openStore(':memory:') } });
    expect(frame()).toContain('waiting for the game…');
    expect(frame()).toContain('sectors: –');
    expect(frame()).not.toContain('the game sends none');
    const f = await press('6');
    expect(f).toContain('no session yet: the car profile comes from its laps');
    expect(f).not.toContain('needs the database');
  });

  it('shows the bus laps but explains that traces need the database', async () => {
    const { press } = await open({ sources: { bus: live.bus } });
    let f = await press('2');
    expect(f).toContain('1  1:32.918');
    f = await press('j', KEYS.enter);
    expect(f).toContain('lap traces need the database');
    f = await press('3');
    expect(f).toContain('the lap report needs the database');
    f = await press('6');
    expect(f).toContain('the car profile needs the database');
  });
});

function fmt(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  return `${Math.floor(ms / 60000)}:${((ms % 60000) / 1000).toFixed(3).padStart(6, '0')}`;
}
