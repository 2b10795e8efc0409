/**
 * Assetto Corsa's fixed-size strings. The Kunos document declares `char name[50]`, but on the
 * wire they are UTF-16LE `wchar_t[50]` = 100 bytes, and AC ends the useful text with '%'
 * followed by whatever was in memory (e.g. "bmw_m3_e30_gra%" then garbage or NULs). So: cut at
 * the first '%' or NUL, never trust the rest.
 */

/** Characters per AC string field. */
export const AC_STRING_CHARS = 50;
/** Bytes per AC string field. */
export const AC_STRING_BYTES = AC_STRING_CHARS * 2;

const PERCENT = 0x25;

/** Reads one 50-char UTF-16LE field at `offset`; the caller has checked `offset + 100 <= length`. */
export function readAcString(view: DataView, offset: number): string {
  const codes: number[] = [];
  for (let i = 0; i < AC_STRING_CHARS; i++) {
    const code = view.getUint16(offset + i * 2, true);
    if (code === 0 || code === PERCENT) break;
    codes.push(code);
  }
  return String.fromCharCode(...codes);
}

/**
 * Writes `text` the way AC does: the characters, a '%' terminator, then NULs (AC leaves
 * garbage there; we write zeros so packets are reproducible). Text longer than 49 chars is cut.
 */
export function writeAcString(view: DataView, offset: number, text: string): void {
  const length = Math.min(text.length, AC_STRING_CHARS - 1);
  for (let i = 0; i < AC_STRING_CHARS; i++) {
    const code = i < length ? text.charCodeAt(i) : i === length ? PERCENT : 0;
    view.setUint16(offset + i * 2, code, true);
  }
}
