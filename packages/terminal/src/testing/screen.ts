/**
 * @node-only
 * A tiny VT100 screen for the tests: it takes what the editor wrote and keeps
 * what a person would see (rows of cells and the cursor). It understands only
 * what the editor may send (printable UTF-8, CR, LF, BEL, BS, ESC[K, ESC[nC,
 * ESC[nD, ESC[H, ESC[2J) and throws on anything else, so a stray sequence or
 * control byte fails the test. It records when text would wrap past the last
 * column, which the editor must never make happen.
 */
import { charWidth } from '../utf8';

export class Screen {
  readonly cells: string[][];
  row = 0;
  col = 0;
  bells = 0;
  wrapped = false;

  constructor(
    readonly rows = 24,
    readonly cols = 80,
  ) {
    this.cells = Array.from({ length: rows }, () => Array<string>(cols).fill(' '));
  }

  write(text: string): void {
    const cps = Array.from(text);
    for (let i = 0; i < cps.length; i++) {
      const ch = cps[i]!;
      const cp = ch.codePointAt(0)!;
      if (cp === 0x1b) {
        i = this.escape(cps, i + 1);
      } else if (ch === '\r') {
        this.col = 0;
      } else if (ch === '\n') {
        this.lineFeed();
      } else if (ch === '\x07') {
        this.bells++;
      } else if (ch === '\b') {
        if (this.col > 0) this.col--;
      } else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
        throw new Error(`screen: control character 0x${cp.toString(16)} written`);
      } else {
        this.put(ch, charWidth(cp));
      }
    }
  }

  /** Row `r` as text, trailing spaces removed (a wide character counts once). */
  line(r: number): string {
    return this.cells[r]!.join('').replace(/ +$/, '');
  }

  /** The non-empty rows up to the cursor's, as text. */
  lines(): string[] {
    const out: string[] = [];
    for (let r = 0; r <= this.row; r++) out.push(this.line(r));
    return out;
  }

  /** The cursor's row. */
  current(): string {
    return this.line(this.row);
  }

  private put(ch: string, width: number): void {
    if (this.col + width > this.cols) {
      this.wrapped = true;
      this.col = 0;
      this.lineFeed();
    }
    this.cells[this.row]![this.col] = ch;
    if (width === 2) this.cells[this.row]![this.col + 1] = '';
    this.col += width;
    if (this.col >= this.cols) {
      // Pending wrap: the cursor stays on the last column until the next character.
      this.col = this.cols - 1;
      this.wrapped = true;
    }
  }

  private lineFeed(): void {
    if (this.row === this.rows - 1) {
      this.cells.shift();
      this.cells.push(Array<string>(this.cols).fill(' '));
    } else {
      this.row++;
    }
  }

  /** Handles the sequence after ESC at cps[i]; returns the index of its last character. */
  private escape(cps: string[], start: number): number {
    if (cps[start] !== '[') throw new Error(`screen: ESC ${cps[start]} is not a sequence the editor may send`);
    let i = start + 1;
    let params = '';
    while (i < cps.length && /[0-9;]/.test(cps[i]!)) params += cps[i++];
    const final = cps[i];
    const n = params === '' ? 1 : Number(params.split(';')[0]);
    switch (final) {
      case 'K':
        if (params !== '') throw new Error(`screen: ESC[${params}K`);
        for (let c = this.col; c < this.cols; c++) this.cells[this.row]![c] = ' ';
        break;
      case 'C':
        this.col = Math.min(this.cols - 1, this.col + n);
        break;
      case 'D':
        this.col = Math.max(0, this.col - n);
        break;
      case 'H':
        if (params !== '') throw new Error(`screen: ESC[${params}H`);
        this.row = 0;
        this.col = 0;
        break;
      case 'J':
        if (params !== '2') throw new Error(`screen: ESC[${params}J`);
        for (const row of this.cells) row.fill(' ');
        break;
      default:
        throw new Error(`screen: unknown sequence ESC[${params}${final ?? '<end>'}`);
    }
    return i;
  }
}
