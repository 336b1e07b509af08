// `using` with early exits: return from nested blocks, break and continue
// out of loop bodies, labelled break; every resource acquired so far is
// disposed exactly once, innermost first.
import { kprint } from '@unishyper/rt';

let live = 0;

class Lock {
  id: number;
  constructor(id: number) {
    this.id = id;
    live++;
    kprint`lock ${id}\n`;
  }
  [Symbol.dispose](): void {
    live--;
    kprint`unlock ${this.id}\n`;
  }
}

function find(target: number): number {
  using l = new Lock(1);
  for (let i = 0; i < 5; i++) {
    using inner = new Lock(10 + i);
    if (i === target) {
      kprint`found ${i}, returning\n`;
      return i;
    }
  }
  kprint`not found\n`;
  return -1;
}

function early(flag: boolean): string {
  using a = new Lock(100);
  if (flag) {
    using b = new Lock(101);
    return 'early';
  }
  using c = new Lock(102);
  return 'late';
}

export function main(): void {
  kprint`find(1) = ${find(1)}\n`;
  kprint`live ${live}\n`;
  kprint`find(9) = ${find(9)}\n`;
  kprint`live ${live}\n`;
  kprint`early(true) = ${early(true)}\n`;
  kprint`early(false) = ${early(false)}\n`;
  for (let i = 0; i < 4; i++) {
    using l = new Lock(200 + i);
    if (i === 1) continue;
    if (i === 2) break;
    kprint`loop body ${i} finished\n`;
  }
  kprint`live ${live}\n`;
  outer: for (let i = 0; i < 2; i++) {
    using o = new Lock(300 + i);
    for (let j = 0; j < 2; j++) {
      using n = new Lock(310 + j);
      if (j === 1) break outer;
    }
  }
  kprint`live ${live}\n`;
  let k = 0;
  while (k < 3) {
    using w = new Lock(400 + k);
    k++;
    if (k === 2) continue;
    kprint`while body ${k}\n`;
  }
  kprint`final live ${live}\n`;
}
