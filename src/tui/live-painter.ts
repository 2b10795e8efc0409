import { lineWidth, toAnsi, type StyledLine } from './render/styled.js';

/** Where the painter writes: the terminal Ink draws on (only `write` is used). */
export type PainterOutput = { write(chunk: string): unknown };

const SAVE_CURSOR = '\u001B7';
const RESTORE_CURSOR = '\u001B8';
/** Synchronized output (terminals without it ignore the private mode): no half-painted frame shows. */
const BEGIN_SYNC = '\u001B[?2026h';
const END_SYNC = '\u001B[?2026l';

/**
 * Draws the Live screen's lines straight onto the terminal, rewriting only the lines that
 * changed since it last drew them, so a live redraw costs the few lines whose values moved
 * instead of Ink's whole-tree render (≈ 5–10 ms for the Live screen: every cell of every
 * line is laid out, tokenised and measured again each time).
 *
 * Ink stays the owner of the screen: whenever anything else is written (Ink redrawing after a
 * key, a resize, a lap, a message), `invalidate()` is called (mount.tsx taps Ink's stdout) and
 * the next paint rewrites every line, since Ink drew them from its own, older render. The
 * cursor is saved and restored around each paint, so Ink's idea of where its output ends stays
 * true. Rows are absolute (the workstation draws from the top row of the alternate screen).
 */
export class LivePainter {
  private painted: string[] = [];
  private stale = true;
  /** Paints that wrote something, and their bytes (the bench reports them). */
  paints = 0;
  bytes = 0;

  /** `colour` false when the terminal gets no colours from Ink (NO_COLOR, a dumb terminal). */
  constructor(
    private readonly out: PainterOutput,
    readonly colour: boolean,
  ) {}

  /** Something else wrote to the terminal: the next paint redraws every line. */
  invalidate(): void {
    this.stale = true;
  }

  /**
   * Paints `lines` (each at most `width` cells) on the terminal rows from `top` (0 = the first),
   * each padded with spaces to `width` so what was there before is covered.
   */
  paint(top: number, width: number, lines: readonly StyledLine[]): void {
    let out = '';
    const painted: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const text = toAnsi(line, this.colour) + ' '.repeat(Math.max(0, width - lineWidth(line)));
      painted.push(text);
      if (!this.stale && this.painted[i] === text) continue;
      out += `\u001B[${top + i + 1};1H${text}`;
    }
    this.painted = painted;
    this.stale = false;
    if (out === '') return;
    const chunk = `${BEGIN_SYNC}${SAVE_CURSOR}${out}${RESTORE_CURSOR}${END_SYNC}`;
    this.out.write(chunk);
    this.paints++;
    this.bytes += chunk.length;
  }
}

/**
 * `stdout` as Ink should see it: the same stream, except that every write Ink makes first tells
 * the painter its lines may have been drawn over.
 */
export function tapForPainter<T extends NodeJS.WriteStream>(stdout: T, painter: LivePainter): T {
  const write = (...args: Parameters<T['write']>): boolean => {
    painter.invalidate();
    return (stdout.write as (...a: unknown[]) => boolean)(...args);
  };
  return new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
