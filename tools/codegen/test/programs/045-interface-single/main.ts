// An interface with exactly one implementation, used as a parameter type,
// field type and return type (the compiler may call it statically).
import { kprint } from '@unishyper/rt';

interface Clock {
  now(): number;
  advance(ticks: number): void;
}

class FakeClock implements Clock {
  t: number;
  constructor(start: number) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  advance(ticks: number): void {
    this.t += ticks;
  }
}

class Stopwatch {
  clock: Clock;
  started: number;
  constructor(clock: Clock) {
    this.clock = clock;
    this.started = clock.now();
  }
  elapsed(): number {
    return this.clock.now() - this.started;
  }
}

function makeClock(): Clock {
  return new FakeClock(1000);
}

function waitFor(c: Clock, n: number): void {
  for (let i = 0; i < n; i++) c.advance(10);
}

export function main(): void {
  const c = makeClock();
  kprint`now = ${c.now()}\n`;
  const sw = new Stopwatch(c);
  waitFor(c, 5);
  kprint`elapsed = ${sw.elapsed()}, now = ${c.now()}\n`;
  c.advance(-25);
  kprint`after going back: elapsed = ${sw.elapsed()}\n`;
  const direct = new FakeClock(0);
  const asIface: Clock = direct;
  asIface.advance(7);
  kprint`direct.t = ${direct.t}\n`;
}
