import { Text } from 'ink';

/** Keys every screen's footer names, last and never dropped: how to get help and how to leave. */
const ALWAYS = ['? help', 'q quit'];
const SCREENS_HINT = '1–7/Tab screens';
const SEPARATOR = ' · ';

/**
 * The footer's key hints for `width` columns: the screen's own keys in keymap order while they
 * fit whole, then the screen switch, and always `? help · q quit` — a hint is dropped, never cut
 * in half (the `?` overlay lists every key).
 */
export function fitHints(own: readonly string[], width: number): string {
  const size = (items: readonly string[]) => items.join(SEPARATOR).length;
  const kept: string[] = [];
  for (const hint of own) {
    if (size([...kept, hint, ...ALWAYS]) > width) break;
    kept.push(hint);
  }
  if (size([...kept, SCREENS_HINT, ...ALWAYS]) <= width) kept.push(SCREENS_HINT);
  return [...kept, ...ALWAYS].join(SEPARATOR);
}

/** The bottom line: the latest note first (it is news), then the keys of this screen that fit. */
export function Footer({ hints, message, width }: { hints: readonly string[]; message: string | undefined; width: number }) {
  const note = message ? `${message}  ` : '';
  return (
    <Text wrap="truncate">
      {message ? <Text color="yellow">{note}</Text> : null}
      <Text dimColor>{fitHints(hints, Math.max(0, width - note.length))}</Text>
    </Text>
  );
}
