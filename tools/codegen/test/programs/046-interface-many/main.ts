// An interface with several implementations: dispatch through the
// interface type picks the right method for each object.
import { kprint } from '@unishyper/rt';

interface Console {
  name(): string;
  write(byte: number): void;
  written(): number;
}

class Pl011 implements Console {
  count = 0;
  name(): string {
    return 'pl011';
  }
  write(byte: number): void {
    this.count++;
    kprint`[pl011 ${byte}]`;
  }
  written(): number {
    return this.count;
  }
}

class Ns16550 implements Console {
  count = 0;
  base: number;
  constructor(base: number) {
    this.base = base;
  }
  name(): string {
    return 'ns16550';
  }
  write(byte: number): void {
    this.count += 2;
    kprint`[ns16550@${this.base} ${byte}]`;
  }
  written(): number {
    return this.count;
  }
}

class Null implements Console {
  name(): string {
    return 'null';
  }
  write(_byte: number): void {}
  written(): number {
    return 0;
  }
}

function send(c: Console, s: string, n: number): void {
  kprint`${c.name()}: `;
  for (let i = 0; i < n; i++) c.write(i * 3);
  kprint` done (${c.written()})\n`;
}

function choose(kind: number): Console {
  if (kind === 0) return new Pl011();
  if (kind === 1) return new Ns16550(0x0c28);
  return new Null();
}

export function main(): void {
  for (let k = 0; k < 3; k++) send(choose(k), 'x', 3);
  let c: Console = new Pl011();
  send(c, 'y', 1);
  c = new Ns16550(7);
  send(c, 'y', 2);
  send(c, 'y', 1);
}
