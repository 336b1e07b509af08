// while loops: pre-tested conditions, never-entered loops, break,
// continue, loops driven by object state.
import { kprint } from '@unishyper/rt';

class Queue {
  head = 0;
  tail = 0;
  push(): void {
    this.tail++;
  }
  pop(): number {
    return this.head++;
  }
  empty(): boolean {
    return this.head === this.tail;
  }
}

function collatz(n: number): number {
  let steps = 0;
  while (n !== 1) {
    n = n % 2 === 0 ? n >> 1 : 3 * n + 1;
    steps++;
  }
  return steps;
}

export function main(): void {
  kprint`collatz(27) = ${collatz(27)}\n`;
  kprint`collatz(1) = ${collatz(1)}\n`;
  let n = 0;
  while (false) n++;
  while (n > 0) n--;
  kprint`n = ${n}\n`;
  let i = 0;
  let sum = 0;
  while (true) {
    i++;
    if (i % 3 === 0) continue;
    if (i > 20) break;
    sum += i;
  }
  kprint`sum of non-multiples of 3 up to 20 = ${sum}, i = ${i}\n`;
  const q = new Queue();
  for (let k = 0; k < 4; k++) q.push();
  while (!q.empty()) kprint`popped ${q.pop()}\n`;
  let x = 1;
  let y = 0;
  while (x < 1000000) {
    x *= 3;
    y++;
  }
  kprint`3^${y} = ${x}\n`;
  let outer = 0;
  let inner = 0;
  while (outer < 3) {
    let m = 0;
    while (m < outer) {
      inner++;
      m++;
    }
    outer++;
  }
  kprint`inner iterations = ${inner}\n`;
}
