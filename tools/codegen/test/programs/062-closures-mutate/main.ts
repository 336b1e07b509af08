// Closures that mutate captured outer locals; the caller sees every
// change, including changes made in nested closures and in loops.
import { kprint } from '@unishyper/rt';

function each(n: number, f: (i: number) => void): void {
  for (let i = 0; i < n; i++) f(i);
}

function until(limit: number, step: () => boolean): number {
  let rounds = 0;
  while (rounds < limit && step()) rounds++;
  return rounds;
}

class Stats {
  count = 0;
  sum = 0;
}

export function main(): void {
  let sum = 0;
  let max = -1;
  each(10, (i: number) => {
    sum += i;
    if (i * 3 % 7 > max) max = i * 3 % 7;
  });
  kprint`sum = ${sum}, max = ${max}\n`;

  let counter = 0;
  const rounds = until(100, () => {
    counter += 3;
    return counter < 20;
  });
  kprint`rounds = ${rounds}, counter = ${counter}\n`;

  let outer = 0;
  each(3, (i: number) => {
    each(4, (j: number) => {
      outer += i * j;
    });
    outer += 1000;
  });
  kprint`outer = ${outer}\n`;

  const stats = new Stats();
  each(5, (i: number) => {
    stats.count++;
    stats.sum += i * i;
  });
  kprint`stats: count ${stats.count}, sum ${stats.sum}\n`;

  let flag = false;
  let label = 'before';
  each(1, (_i: number) => {
    flag = !flag;
    label = 'after';
  });
  kprint`flag = ${flag}, label = ${label}\n`;

  let total = 0;
  for (let k = 1; k <= 3; k++) {
    let local = 0;
    each(k, (_i: number) => {
      local += k;
    });
    total += local;
    kprint`k = ${k}, local = ${local}\n`;
  }
  kprint`total = ${total}\n`;

  let seen = 0;
  each(3, (i: number) => {
    seen = seen * 10 + i + 1;
  });
  seen += 1;
  each(1, (_i: number) => {
    seen *= 2;
  });
  kprint`seen = ${seen}\n`;
}
