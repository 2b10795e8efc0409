/**
 * A small virtual terminal for tests: applies what a program wrote (text, newlines, cursor
 * moves, erases, save/restore) to a grid of cells, so a test can read the screen a person would
 * see. Styles (SGR) and private modes are ignored; a newline also returns the carriage (the tty's
 * ONLCR, as on a real terminal).
 */
export class VirtualTerminal {
  private cells: string[][];
  private row = 0;
  private col = 0;
  private saved = { row: 0, col: 0 };

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    this.cells = Array.from({ length: rows }, () => Array.from({ length: columns }, () => ' '));
  }

  /** The screen's lines, trailing spaces trimmed. */
  screen(): string[] {
    return this.cells.map((r) => r.join('').trimEnd());
  }

  write(text: string): void {
    const chars = [...text];
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      if (ch === '\u001B') {
        const next = chars[i + 1];
        if (next === '7') {
          this.saved = { row: this.row, col: this.col };
          i++;
        } else if (next === '8') {
          ({ row: this.row, col: this.col } = this.saved);
          i++;
        } else if (next === '[') {
          let j = i + 2;
          let params = '';
          while (j < chars.length && !/[A-Za-z~]/.test(chars[j]!)) params += chars[j++];
          this.csi(params, chars[j] ?? '');
          i = j;
        }
        continue;
      }
      if (ch === '\n') {
        this.lineFeed();
        this.col = 0;
      } else if (ch === '\r') {
        this.col = 0;
      } else {
        if (this.col >= this.columns) {
          this.lineFeed();
          this.col = 0;
        }
        this.cells[this.row]![this.col++] = ch;
      }
    }
  }

  private lineFeed(): void {
    if (this.row < this.rows - 1) {
      this.row++;
      return;
    }
    this.cells.shift();
    this.cells.push(Array.from({ length: this.columns }, () => ' '));
  }

  private csi(params: string, final: string): void {
    if (params.startsWith('?')) {
      if (params === '?1049h') this.clear();
      return;
    }
    const n = params.split(';').map((p) => (p === '' ? undefined : Number(p)));
    const a = n[0] ?? 1;
    switch (final) {
      case 'H':
        this.row = Math.min(this.rows - 1, (n[0] ?? 1) - 1);
        this.col = Math.min(this.columns - 1, (n[1] ?? 1) - 1);
        return;
      case 'A':
        this.row = Math.max(0, this.row - a);
        return;
      case 'B':
        this.row = Math.min(this.rows - 1, this.row + a);
        return;
      case 'E':
        this.row = Math.min(this.rows - 1, this.row + a);
        this.col = 0;
        return;
      case 'G':
        this.col = a - 1;
        return;
      case 'K': {
        const mode = n[0] ?? 0;
        const line = this.cells[this.row]!;
        for (let c = 0; c < this.columns; c++) if (mode === 2 || (mode === 0 && c >= this.col) || (mode === 1 && c <= this.col)) line[c] = ' ';
        return;
      }
      case 'J':
        if ((n[0] ?? 0) >= 2) this.clear();
        return;
    }
  }

  private clear(): void {
    for (const line of this.cells) line.fill(' ');
  }
}
