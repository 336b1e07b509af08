/**
 * A small lexer as a state machine with a switch, as the shell and the HTTP
 * parser scan input: each pattern byte is a character class (digit, letter,
 * space, operator, newline), and the machine counts words, numbers (summing
 * their values), operators and lines. Returns a digest of the counts.
 */
import { load8 } from '@unishyper/rt';

const State = { Idle: 0, Number: 1, Word: 2, Comment: 3 } as const;
type State = (typeof State)[keyof typeof State];

/** The class of byte b: 0-9 digits, 10-12 letters, 13 space, 14 operator, 15 newline. */
function classOf(b: number): number {
  return b & 15;
}

export function fsm(buf: number, len: number, n: number): number {
  let words = 0;
  let numbers = 0;
  let ops = 0;
  let lines = 0;
  let sum = 0;
  for (let round = 0; round < n; round++) {
    let state: State = State.Idle;
    let value = 0;
    for (let i = 0; i < len; i++) {
      const c = classOf(load8(buf + i));
      switch (state) {
        case State.Idle:
          if (c <= 9) {
            state = State.Number;
            value = c;
          } else if (c <= 12) state = State.Word;
          else if (c === 14) ops++;
          else if (c === 15) lines++;
          break;
        case State.Number:
          if (c <= 9) value = (value * 10 + c) % 1000003;
          else {
            numbers++;
            sum = (sum + value) % 0x100000000;
            state = c === 15 ? State.Comment : State.Idle;
          }
          break;
        case State.Word:
          if (c > 12) {
            words++;
            if (c === 14) ops++;
            state = c === 15 ? State.Comment : State.Idle;
          }
          break;
        case State.Comment:
          if (c === 15) {
            lines++;
            state = State.Idle;
          }
          break;
      }
    }
  }
  return ((words * 31 + numbers) * 31 + ops) * 31 + lines + sum * 0x10000;
}
