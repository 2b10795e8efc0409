/**
 * Names of tracks racecraft had to identify itself (the game sends no track id): the first
 * unknown track of a game is 'unknown-1' / "unknown track 1", the next new one 'unknown-2', and a
 * later session on a stored one gets its key again, so personal bests and corner numbers carry over.
 */
const UNKNOWN_KEY = /^unknown-(\d+)$/;

export function unknownTrackKey(n: number): string {
  return `unknown-${n}`;
}

export function unknownTrackName(n: number): string {
  return `unknown track ${n}`;
}

/** The number in an 'unknown-N' key, or undefined for any other key. */
export function unknownNumber(trackKey: string): number | undefined {
  const m = UNKNOWN_KEY.exec(trackKey);
  return m ? Number(m[1]) : undefined;
}

/**
 * N for the next unknown track of a game: 1 + the highest N stored, which is 1 + the count of
 * stored unknown shapes as long as none was deleted (and never reuses a number after one was).
 */
export function nextUnknownNumber(storedKeys: readonly string[]): number {
  let max = 0;
  for (const key of storedKeys) {
    const n = unknownNumber(key);
    if (n !== undefined && n > max) max = n;
  }
  return max + 1;
}
