/**
 * A Braille canvas: each terminal cell holds 2×4 dots, so a `columns`×`rows` text area has
 * 2·columns × 4·rows pixels (about square on a usual terminal font). Overlay characters
 * (corner numbers, markers) replace whole cells.
 */
const DOT_BITS = [
  [0x01, 0x08],
  [0x02, 0x10],
  [0x04, 0x20],
  [0x40, 0x80],
] as const;
const BRAILLE_BASE = 0x2800;

export class BrailleCanvas {
  readonly width: number;
  readonly height: number;
  private readonly cells: Uint8Array;
  private readonly overlay = new Map<number, string>();

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    this.width = columns * 2;
    this.height = rows * 4;
    this.cells = new Uint8Array(Math.max(0, columns * rows));
  }

  /** Set the dot at pixel (x, y), origin top left; outside the canvas is ignored. */
  set(x: number, y: number): void {
    const px = Math.round(x);
    const py = Math.round(y);
    if (px < 0 || py < 0 || px >= this.width || py >= this.height) return;
    const cell = (py >> 2) * this.columns + (px >> 1);
    this.cells[cell]! |= DOT_BITS[py & 3]![px & 1]!;
  }

  /** A straight line of dots between two pixels (Bresenham). */
  line(x0: number, y0: number, x1: number, y1: number): void {
    let x = Math.round(x0);
    let y = Math.round(y0);
    const xe = Math.round(x1);
    const ye = Math.round(y1);
    const dx = Math.abs(xe - x);
    const dy = -Math.abs(ye - y);
    const sx = x < xe ? 1 : -1;
    const sy = y < ye ? 1 : -1;
    let err = dx + dy;
    for (let guard = 0; guard < 10_000; guard++) {
      this.set(x, y);
      if (x === xe && y === ye) return;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y += sy;
      }
    }
  }

  /** Put text over the cells starting at (column, row); cut at the right edge. */
  text(column: number, row: number, text: string): void {
    if (row < 0 || row >= this.rows) return;
    [...text].forEach((ch, i) => {
      const c = column + i;
      if (c >= 0 && c < this.columns) this.overlay.set(row * this.columns + c, ch);
    });
  }

  /** The cell (column, row) that holds pixel (x, y). */
  cellOf(x: number, y: number): { column: number; row: number } {
    return { column: Math.floor(Math.round(x) / 2), row: Math.floor(Math.round(y) / 4) };
  }

  /** The canvas as `rows` lines of `columns` characters; empty cells are spaces. */
  lines(): string[] {
    const out: string[] = [];
    for (let r = 0; r < this.rows; r++) {
      let line = '';
      for (let c = 0; c < this.columns; c++) {
        const i = r * this.columns + c;
        const over = this.overlay.get(i);
        const bits = this.cells[i]!;
        line += over ?? (bits === 0 ? ' ' : String.fromCharCode(BRAILLE_BASE + bits));
      }
      out.push(line);
    }
    return out;
  }
}
