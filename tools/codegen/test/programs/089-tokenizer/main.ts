// A small state machine: tokenising a command line byte by byte with an
// enum of states, switch, StrBuf-free slicing through indices, and a
// result summary.
import { kprint, strByteAt, strLen } from '@unishyper/rt';

const State = { Space: 0, Word: 1, Number: 2, Quote: 3 } as const;
type State = (typeof State)[keyof typeof State];

class Counts {
  words = 0;
  numbers = 0;
  quoted = 0;
  numberSum = 0;
}

function isDigit(b: number): boolean {
  return b >= 48 && b <= 57;
}

function tokenize(s: string, out: Counts): void {
  let state: State = State.Space;
  let value = 0;
  const n = strLen(s);
  for (let i = 0; i <= n; i++) {
    const b = i < n ? strByteAt(s, i) : 32;
    switch (state) {
      case State.Space:
        if (b === 34) {
          state = State.Quote;
        } else if (isDigit(b)) {
          state = State.Number;
          value = b - 48;
        } else if (b !== 32) {
          state = State.Word;
        }
        break;
      case State.Word:
        if (b === 32) {
          out.words++;
          state = State.Space;
        }
        break;
      case State.Number:
        if (isDigit(b)) {
          value = value * 10 + (b - 48);
        } else if (b === 32) {
          out.numbers++;
          out.numberSum += value;
          state = State.Space;
        } else {
          state = State.Word;
        }
        break;
      case State.Quote:
        if (b === 34) {
          out.quoted++;
          state = State.Space;
        }
        break;
    }
  }
}

function run(s: string): void {
  const c = new Counts();
  tokenize(s, c);
  kprint`'${s}': words ${c.words}, numbers ${c.numbers} (sum ${c.numberSum}), quoted ${c.quoted}\n`;
}

export function main(): void {
  run('');
  run('ls');
  run('cat readme.txt');
  run('kill 101');
  run('  spawn 3 4 "two words"  x12 12x 7');
  run('"unterminated');
  run('1 22 333 4444 55555');
}
