/**
 * Column output for commands' tables (ps, free, ls): a value padded to a
 * width, numbers right-aligned, text left-aligned. Allocates nothing.
 */
import { idiv } from '@unishyper/rt';
import type { TermOutput } from './term-output';
import { stringColumns } from './utf8';

/** Writes `n` right-aligned in `width` columns. */
export function writeNumRight(out: TermOutput, n: number, width: number): void {
  let digits = n < 0 ? 2 : 1;
  for (let v = n < 0 ? -n : n; v >= 10; v = idiv(v, 10)) digits = digits + 1;
  spaces(out, width - digits);
  out.writeNum(n);
}

/** Writes `s` then spaces up to `width` columns (at least one space after it). */
export function writeLeft(out: TermOutput, s: string, width: number): void {
  out.write(s);
  const c = stringColumns(s);
  spaces(out, c < width ? width - c : 1);
}

export function spaces(out: TermOutput, n: number): void {
  for (let i = 0; i < n; i++) out.write(' ');
}
