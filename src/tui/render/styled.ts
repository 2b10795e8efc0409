/**
 * Styled text lines as plain data: a line is a list of segments, each a piece of text with the
 * style Ink's <Text> would give it (colour, bold, dim, inverse). One description feeds both
 * ways the workstation draws: Ink (components/StyledLines.tsx) and the live painter
 * (live-painter.ts), which writes the ANSI form straight to the terminal. Every glyph the
 * renderers use is one cell wide, so a segment's width is its count of code points.
 */

/** The colours the screens use (Ink colour names; SGR codes below). */
export type Colour = 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'gray';

export type Style = {
  readonly color?: Colour;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly inverse?: boolean;
};

export type Segment = { readonly text: string; readonly style?: Style };
export type StyledLine = readonly Segment[];

/** A segment, leaving the style off when it has none (keeps lines comparable). */
export function seg(text: string, style?: Style): Segment {
  return style && (style.color !== undefined || style.bold || style.dim || style.inverse) ? { text, style } : { text };
}

/** Cells a line takes. */
export function lineWidth(line: StyledLine): number {
  let width = 0;
  for (const s of line) width += codePoints(s.text);
  return width;
}

function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate and its low surrogate are one code point.
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/**
 * The line cut to `width` cells as Ink's `wrap="truncate"` cuts it (cli-truncate, end): a line
 * that does not fit keeps its first width − 1 cells, styles and all, and ends in an unstyled '…'.
 */
export function truncateLine(line: StyledLine, width: number): StyledLine {
  if (lineWidth(line) <= width) return line;
  if (width <= 0) return [];
  const out: Segment[] = [];
  let room = width - 1;
  for (const s of line) {
    if (room <= 0) break;
    const chars = [...s.text];
    const kept = chars.length <= room ? s.text : chars.slice(0, room).join('');
    room -= Math.min(room, chars.length);
    if (kept !== '') out.push(s.style ? { text: kept, style: s.style } : { text: kept });
  }
  out.push({ text: '…' });
  return out;
}

/** `line` padded with spaces to `width` cells (never cut). */
export function padLine(line: StyledLine, width: number): StyledLine {
  const gap = width - lineWidth(line);
  return gap > 0 ? [...line, { text: ' '.repeat(gap) }] : line;
}

/** The text of a line without its styles. */
export function plainText(line: StyledLine): string {
  let text = '';
  for (const s of line) text += s.text;
  return text;
}

const SGR_COLOUR: Record<Colour, number> = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90 };
const RESET = '\u001B[0m';

/**
 * The line as terminal text: each styled segment opens its SGR attributes and resets after
 * itself. `colour` false gives the plain text (a terminal without colours, NO_COLOR), as Ink
 * itself then draws.
 */
export function toAnsi(line: StyledLine, colour: boolean): string {
  let out = '';
  for (const s of line) {
    const style = s.style;
    if (!colour || !style || s.text === '') {
      out += s.text;
      continue;
    }
    const codes: number[] = [];
    if (style.bold) codes.push(1);
    if (style.dim) codes.push(2);
    if (style.inverse) codes.push(7);
    if (style.color !== undefined) codes.push(SGR_COLOUR[style.color]);
    out += `\u001B[${codes.join(';')}m${s.text}${RESET}`;
  }
  return out;
}
