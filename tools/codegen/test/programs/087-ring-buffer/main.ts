// A generic ring buffer class over FixedArray, instantiated for numbers and
// objects, with wrap-around of head and tail indices.
import { FixedArray, kprint } from '@unishyper/rt';

class Ring<T> {
  buf: FixedArray<T>;
  head = 0;
  count = 0;
  dropped = 0;
  constructor(cap: number, fill: T) {
    this.buf = new FixedArray<T>(cap, fill);
  }
  push(v: T): boolean {
    if (this.count === this.buf.length) {
      this.dropped++;
      return false;
    }
    this.buf.set((this.head + this.count) % this.buf.length, v);
    this.count++;
    return true;
  }
  shift(): T {
    const v = this.buf.get(this.head);
    this.head = (this.head + 1) % this.buf.length;
    this.count--;
    return v;
  }
  isEmpty(): boolean {
    return this.count === 0;
  }
}

class Event {
  code: number;
  constructor(code: number) {
    this.code = code;
  }
}

export function main(): void {
  const r = new Ring<number>(4, 0);
  for (let i = 1; i <= 6; i++) kprint`push ${i}: ${r.push(i)}\n`;
  kprint`dropped ${r.dropped}\n`;
  kprint`shift ${r.shift()} ${r.shift()}\n`;
  for (let i = 7; i <= 9; i++) kprint`push ${i}: ${r.push(i)}\n`;
  kprint`drain:`;
  while (!r.isEmpty()) kprint` ${r.shift()}`;
  kprint`\nhead ${r.head}, count ${r.count}\n`;
  const ev = new Ring<Event>(3, new Event(-1));
  let produced = 0;
  let consumed = 0;
  for (let round = 0; round < 10; round++) {
    if (ev.push(new Event(round * round))) produced++;
    if (round % 3 === 2) {
      while (!ev.isEmpty()) consumed += ev.shift().code;
    }
  }
  kprint`events produced ${produced}, dropped ${ev.dropped}, consumed sum ${consumed}, pending ${ev.count}\n`;
}
