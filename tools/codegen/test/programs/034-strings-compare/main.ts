// String values: literals, parameters, fields, return values, === and !==
// (byte comparison), empty strings, strings differing only in length.
import { kprint } from '@unishyper/rt';

class Named {
  name: string;
  constructor(name: string) {
    this.name = name;
  }
}

function pick(i: number): string {
  if (i === 0) return 'alpha';
  if (i === 1) return 'beta';
  if (i === 2) return 'alpha';
  return '';
}

function eq(a: string, b: string): void {
  kprint`'${a}' === '${b}': ${a === b}, !==: ${a !== b}\n`;
}

export function main(): void {
  eq('abc', 'abc');
  eq('abc', 'abd');
  eq('abc', 'ab');
  eq('ab', 'abc');
  eq('', '');
  eq('', 'x');
  eq('Abc', 'abc');
  eq('naïve', 'naïve');
  eq('naïve', 'naive');
  eq(pick(0), pick(2));
  eq(pick(0), pick(1));
  eq(pick(9), '');
  const n = new Named('kernel');
  kprint`named: ${n.name}, is kernel: ${n.name === 'kernel'}\n`;
  n.name = pick(1);
  kprint`renamed: ${n.name}, is kernel: ${n.name === 'kernel'}\n`;
  let s = 'first';
  let changes = 0;
  for (let i = 0; i < 4; i++) {
    const next = pick(i);
    if (next !== s) {
      changes++;
      s = next;
    }
  }
  kprint`changes = ${changes}, final = '${s}'\n`;
  const long = 'the quick brown fox jumps over the lazy dog';
  kprint`${long}\n`;
  kprint`long equals itself: ${long === 'the quick brown fox jumps over the lazy dog'}\n`;
}
