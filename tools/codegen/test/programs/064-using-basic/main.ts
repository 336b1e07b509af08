// `using` with [Symbol.dispose](): resources are disposed at scope exit in
// reverse order of declaration, in nested blocks, in loop bodies, and in
// functions.
import { kprint } from '@unishyper/rt';

let live = 0;

class Guard {
  name: string;
  constructor(name: string) {
    this.name = name;
    live++;
    kprint`acquire ${name} (live ${live})\n`;
  }
  use(): void {
    kprint`use ${this.name}\n`;
  }
  [Symbol.dispose](): void {
    live--;
    kprint`release ${this.name} (live ${live})\n`;
  }
}

function work(tag: string): number {
  using g = new Guard(tag);
  g.use();
  return live;
}

export function main(): void {
  {
    using a = new Guard('a');
    using b = new Guard('b');
    using c = new Guard('c');
    a.use();
    b.use();
    c.use();
    kprint`end of block\n`;
  }
  kprint`after block, live ${live}\n`;
  {
    using outer = new Guard('outer');
    {
      using inner = new Guard('inner');
      inner.use();
    }
    outer.use();
  }
  for (let i = 0; i < 3; i++) {
    using it = new Guard('iter');
    kprint`body ${i}\n`;
  }
  const returned = work('fn');
  kprint`work returned live ${returned}\n`;
  kprint`final live ${live}\n`;
}
