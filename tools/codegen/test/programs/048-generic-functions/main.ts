// Generic functions instantiated with several types (monomorphised):
// numbers, strings, booleans, fixed-width ints and objects.
import { FixedArray, kprint, u8 } from '@unishyper/rt';

function identity<T>(x: T): T {
  return x;
}

function choose<T>(cond: boolean, a: T, b: T): T {
  return cond ? a : b;
}

function swap<T>(arr: FixedArray<T>, i: number, j: number): void {
  const t = arr.get(i);
  arr.set(i, arr.get(j));
  arr.set(j, t);
}

function reverse<T>(arr: FixedArray<T>): void {
  let i = 0;
  let j = arr.length - 1;
  while (i < j) {
    swap(arr, i, j);
    i++;
    j--;
  }
}

function fill<T>(n: number, v: T): FixedArray<T> {
  return new FixedArray<T>(n, v);
}

function countEqual<T>(arr: FixedArray<T>, v: T): number {
  let n = 0;
  for (let i = 0; i < arr.length; i++) {
    if (arr.get(i) === v) n++;
  }
  return n;
}

function maxBy<T>(arr: FixedArray<T>, key: (x: T) => number): T {
  let best = arr.get(0);
  for (let i = 1; i < arr.length; i++) {
    if (key(arr.get(i)) > key(best)) best = arr.get(i);
  }
  return best;
}

class Job {
  prio: number;
  name: string;
  constructor(prio: number, name: string) {
    this.prio = prio;
    this.name = name;
  }
}

export function main(): void {
  kprint`identity: ${identity(5)} ${identity('five')} ${identity(true)} ${identity(u8(300))}\n`;
  kprint`choose: ${choose(true, 1, 2)} ${choose(false, 'a', 'b')}\n`;
  const j1 = new Job(3, 'net');
  const j2 = new Job(9, 'disk');
  kprint`choose object: ${choose(false, j1, j2).name}\n`;
  const nums = fill(5, 0);
  for (let i = 0; i < nums.length; i++) nums.set(i, i * i);
  reverse(nums);
  kprint`reversed squares:`;
  for (let i = 0; i < nums.length; i++) kprint` ${nums.get(i)}`;
  kprint`\n`;
  const words = fill(3, 'x');
  words.set(0, 'a');
  words.set(2, 'c');
  reverse(words);
  kprint`reversed words: ${words.get(0)} ${words.get(1)} ${words.get(2)}\n`;
  kprint`count 'x' = ${countEqual(words, 'x')}, count 'a' = ${countEqual(words, 'a')}\n`;
  const flags = fill(4, false);
  flags.set(2, true);
  kprint`count true = ${countEqual(flags, true)}\n`;
  const jobs = fill(3, j1);
  jobs.set(1, j2);
  jobs.set(2, new Job(5, 'tty'));
  kprint`max prio job: ${maxBy(jobs, (j: Job) => j.prio).name}\n`;
  kprint`min prio job: ${maxBy(jobs, (j: Job) => -j.prio).name}\n`;
  kprint`max of squares by value mod 7: ${maxBy(nums, (x: number) => x % 7)}\n`;
  kprint`count j1 = ${countEqual(jobs, j1)}\n`;
}
