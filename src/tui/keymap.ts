import type { Key } from 'ink';
import { SCREENS, type ScreenId } from './screens.js';

/**
 * The one keymap: useInput resolves keys through it and the `?` overlay lists it, so the help
 * can never disagree with what the keys do.
 */
export type Command =
  | `screen:${ScreenId}`
  | 'next-screen'
  | 'prev-screen'
  | 'help'
  | 'close'
  | 'quit'
  | 'up'
  | 'down'
  | 'page-up'
  | 'page-down'
  | 'left'
  | 'right'
  | 'open'
  | 'reference'
  | 'mark'
  | 'sessions'
  | 'live-session'
  | 'units'
  | 'pull'
  | 'push'
  | 'use'
  | 'refresh';

export type Scope = 'global' | ScreenId;

export type Binding = {
  /** Normalised key names (see keyName). */
  readonly keys: readonly string[];
  /** How the help shows the keys. */
  readonly label: string;
  readonly command: Command;
  readonly scope: Scope;
  readonly help: string;
};

const MOVE: readonly Binding[] = (['laps', 'report', 'compare', 'library'] as const).flatMap((scope) => [
  { keys: ['up', 'k'], label: '↑ k', command: 'up' as const, scope, help: scope === 'report' || scope === 'compare' ? 'previous corner' : 'move up' },
  { keys: ['down', 'j'], label: '↓ j', command: 'down' as const, scope, help: scope === 'report' || scope === 'compare' ? 'next corner' : 'move down' },
]);

export const KEYMAP: readonly Binding[] = [
  ...SCREENS.map((s) => ({ keys: [s.key], label: s.key, command: `screen:${s.id}` as const, scope: 'global' as const, help: `${s.title} screen` })),
  { keys: ['tab'], label: 'Tab', command: 'next-screen', scope: 'global', help: 'next screen' },
  { keys: ['shift-tab'], label: 'S-Tab', command: 'prev-screen', scope: 'global', help: 'previous screen' },
  { keys: ['?'], label: '?', command: 'help', scope: 'global', help: 'this help' },
  { keys: ['escape'], label: 'Esc', command: 'close', scope: 'global', help: 'close help / go back' },
  { keys: ['u'], label: 'u', command: 'units', scope: 'global', help: 'metric / imperial' },
  { keys: ['q', 'ctrl-c'], label: 'q ^C', command: 'quit', scope: 'global', help: 'quit (the recording is saved)' },
  ...MOVE,
  { keys: ['pageup'], label: 'PgUp', command: 'page-up', scope: 'laps', help: 'page up' },
  { keys: ['pagedown'], label: 'PgDn', command: 'page-down', scope: 'laps', help: 'page down' },
  { keys: ['enter'], label: 'Enter', command: 'open', scope: 'laps', help: 'lap report (session: open it)' },
  { keys: ['r'], label: 'r', command: 'reference', scope: 'laps', help: 'make the lap the reference' },
  { keys: ['c'], label: 'c', command: 'mark', scope: 'laps', help: 'mark the lap to compare (the second opens Compare)' },
  { keys: ['s'], label: 's', command: 'sessions', scope: 'laps', help: 'browse earlier sessions' },
  { keys: ['l'], label: 'l', command: 'live-session', scope: 'laps', help: 'back to the current session' },
  { keys: ['left', 'h'], label: '← h', command: 'left', scope: 'car', help: 'slower speed band' },
  { keys: ['right', 'l'], label: '→ l', command: 'right', scope: 'car', help: 'faster speed band' },
  { keys: ['p'], label: 'p', command: 'pull', scope: 'library', help: 'pull from the server' },
  { keys: ['P'], label: 'P', command: 'push', scope: 'library', help: 'push local changes' },
  { keys: ['enter'], label: 'Enter', command: 'use', scope: 'library', help: 'use the reference lap' },
  { keys: ['g'], label: 'g', command: 'refresh', scope: 'library', help: 'refresh the lists' },
  { keys: ['pageup'], label: 'PgUp', command: 'page-up', scope: 'library', help: 'page up' },
  { keys: ['pagedown'], label: 'PgDn', command: 'page-down', scope: 'library', help: 'page down' },
];

/** Ink's input and key flags as one name: 'up', 'enter', 'ctrl-c', 'shift-tab', or the character. */
export function keyName(input: string, key: Key): string | undefined {
  if (key.ctrl && input === 'c') return 'ctrl-c';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return key.shift ? 'shift-tab' : 'tab';
  if (key.ctrl || key.meta) return undefined;
  return input.length === 1 ? input : undefined;
}

/**
 * Every key of one input event. A terminal read can hold several keys typed quickly (key repeat,
 * a slow SSH link, a paste), and Ink hands such a read over as one string ("jj", "r\r"): each
 * character is a key. Escape sequences (arrows) always come alone: Ink's parser splits them off.
 */
export function keyNames(input: string, key: Key): string[] {
  const one = keyName(input, key);
  if (one !== undefined) return [one];
  if (input.length <= 1 || key.ctrl || key.meta) return [];
  return [...input].flatMap((c) => {
    if (c === '\r' || c === '\n') return ['enter'];
    if (c === '\t') return ['tab'];
    if (c === '\u0003') return ['ctrl-c'];
    return c >= ' ' ? [c] : [];
  });
}

/** The command a key runs on `screen`: the screen's own binding first, then the global one. */
export function resolveKey(name: string | undefined, screen: ScreenId): Command | undefined {
  if (name === undefined) return undefined;
  return (
    KEYMAP.find((b) => b.scope === screen && b.keys.includes(name))?.command ?? KEYMAP.find((b) => b.scope === 'global' && b.keys.includes(name))?.command
  );
}

/** The help overlay's content: global keys, then the screen's own. */
export function helpSections(screen: ScreenId): { title: string; rows: { keys: string; help: string }[] }[] {
  const rows = (scope: Scope) => KEYMAP.filter((b) => b.scope === scope).map((b) => ({ keys: b.label, help: b.help }));
  const own = rows(screen);
  const title = SCREENS.find((s) => s.id === screen)!.title;
  return [{ title: 'Everywhere', rows: rows('global') }, ...(own.length > 0 ? [{ title, rows: own }] : [])];
}
