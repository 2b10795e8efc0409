import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { KEYMAP, helpSections, keyName, keyNames, resolveKey } from '../../src/tui/keymap.js';
import { SCREENS, cycleScreen } from '../../src/tui/screens.js';

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
} as Key;

describe('keymap', () => {
  it('names keys from Ink input', () => {
    expect(keyName('c', { ...NO_KEY, ctrl: true })).toBe('ctrl-c');
    expect(keyName('', { ...NO_KEY, upArrow: true })).toBe('up');
    expect(keyName('', { ...NO_KEY, tab: true, shift: true })).toBe('shift-tab');
    expect(keyName('\r', { ...NO_KEY, return: true })).toBe('enter');
    expect(keyName('j', NO_KEY)).toBe('j');
    expect(keyName('x', { ...NO_KEY, meta: true })).toBeUndefined();
  });

  it('splits a read holding several keys into each key', () => {
    expect(keyNames('jj', NO_KEY)).toEqual(['j', 'j']);
    expect(keyNames('r\r', NO_KEY)).toEqual(['r', 'enter']);
    expect(keyNames('2j\t\u0003', NO_KEY)).toEqual(['2', 'j', 'tab', 'ctrl-c']);
    expect(keyNames('j\u0007k', NO_KEY)).toEqual(['j', 'k']);
    expect(keyNames('\r', { ...NO_KEY, return: true })).toEqual(['enter']);
    expect(keyNames('', { ...NO_KEY, downArrow: true })).toEqual(['down']);
    expect(keyNames('xy', { ...NO_KEY, meta: true })).toEqual([]);
  });

  it('resolves the screen binding before the global one', () => {
    expect(resolveKey('enter', 'laps')).toBe('open');
    expect(resolveKey('enter', 'library')).toBe('use');
    expect(resolveKey('enter', 'live')).toBeUndefined();
    expect(resolveKey('l', 'laps')).toBe('live-session');
    expect(resolveKey('l', 'car')).toBe('right');
    expect(resolveKey('3', 'car')).toBe('screen:report');
    expect(resolveKey('q', 'report')).toBe('quit');
    expect(resolveKey('ctrl-c', 'live')).toBe('quit');
    expect(resolveKey('z', 'live')).toBeUndefined();
  });

  it('has one number key per screen, in order, and Tab cycles through all seven', () => {
    expect(SCREENS.map((s) => resolveKey(s.key, 'live'))).toEqual(SCREENS.map((s) => `screen:${s.id}`));
    let screen = SCREENS[0]!.id as (typeof SCREENS)[number]['id'];
    const seen = [screen];
    for (let i = 0; i < 7; i++) seen.push((screen = cycleScreen(screen, 1)));
    expect(seen).toEqual(['live', 'laps', 'report', 'compare', 'map', 'car', 'library', 'live']);
    expect(cycleScreen('live', -1)).toBe('library');
  });

  it('never binds one key twice in the same scope', () => {
    const seen = new Set<string>();
    for (const b of KEYMAP) for (const k of b.keys) {
      const id = `${b.scope}:${k}`;
      expect(seen.has(id), id).toBe(false);
      seen.add(id);
    }
  });

  it('lists in the help exactly the bindings that work on the screen', () => {
    const laps = helpSections('laps');
    expect(laps.map((s) => s.title)).toEqual(['Everywhere', 'Laps']);
    expect(laps[1]!.rows.map((r) => r.keys)).toEqual(['↑ k', '↓ j', 'PgUp', 'PgDn', 'Enter', 'r', 'c', 's', 'l']);
    expect(laps[0]!.rows).toHaveLength(KEYMAP.filter((b) => b.scope === 'global').length);
    expect(helpSections('live').map((s) => s.title)).toEqual(['Everywhere']);
    // Every binding of every scope is in some screen's help.
    const listed = SCREENS.flatMap((s) => helpSections(s.id).flatMap((sec) => sec.rows.map((r) => r.help)));
    for (const b of KEYMAP) expect(listed).toContain(b.help);
  });
});
