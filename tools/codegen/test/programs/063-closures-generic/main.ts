// Generic higher-order helpers over FixedArray (map, filter count, fold,
// sort with a comparator), each taking an arrow function.
import { FixedArray, kprint } from '@unishyper/rt';

function mapInPlace<T>(arr: FixedArray<T>, f: (x: T, i: number) => T): void {
  for (let i = 0; i < arr.length; i++) arr.set(i, f(arr.get(i), i));
}

function fold<T, R>(arr: FixedArray<T>, init: R, f: (acc: R, x: T) => R): R {
  let acc = init;
  for (let i = 0; i < arr.length; i++) acc = f(acc, arr.get(i));
  return acc;
}

function countIf<T>(arr: FixedArray<T>, pred: (x: T) => boolean): number {
  let n = 0;
  for (let i = 0; i < arr.length; i++) if (pred(arr.get(i))) n++;
  return n;
}

function sort<T>(arr: FixedArray<T>, less: (a: T, b: T) => boolean): void {
  for (let i = 1; i < arr.length; i++) {
    const x = arr.get(i);
    let j = i;
    while (j > 0 && less(x, arr.get(j - 1))) {
      arr.set(j, arr.get(j - 1));
      j--;
    }
    arr.set(j, x);
  }
}

function show(label: string, arr: FixedArray<number>): void {
  kprint`${label}:`;
  for (let i = 0; i < arr.length; i++) kprint` ${arr.get(i)}`;
  kprint`\n`;
}

class Proc {
  pid: number;
  nice: number;
  constructor(pid: number, nice: number) {
    this.pid = pid;
    this.nice = nice;
  }
}

export function main(): void {
  const a = new FixedArray<number>(8, 0);
  mapInPlace(a, (_x: number, i: number) => (i * 37 + 11) % 17);
  show('initial', a);
  sort(a, (x: number, y: number) => x < y);
  show('ascending', a);
  sort(a, (x: number, y: number) => x > y);
  show('descending', a);
  kprint`sum = ${fold(a, 0, (acc: number, x: number) => acc + x)}\n`;
  kprint`any > 15: ${fold(a, false, (acc: boolean, x: number) => acc || x > 15)}\n`;
  const limit = 8;
  kprint`count < limit: ${countIf(a, (x: number) => x < limit)}\n`;
  const procs = new FixedArray<Proc>(4, new Proc(0, 0));
  mapInPlace(procs, (_p: Proc, i: number) => new Proc(100 + i, (i * 5) % 3));
  sort(procs, (p: Proc, q: Proc) => p.nice < q.nice || (p.nice === q.nice && p.pid > q.pid));
  kprint`procs by nice:`;
  for (let i = 0; i < procs.length; i++) kprint` ${procs.get(i).pid}/${procs.get(i).nice}`;
  kprint`\n`;
  const names = new FixedArray<string>(3, 'x');
  mapInPlace(names, (_s: string, i: number) => (i === 0 ? 'zero' : i === 1 ? 'one' : 'two'));
  kprint`names contain 'one': ${countIf(names, (s: string) => s === 'one')}\n`;
  kprint`max pid: ${fold(procs, 0, (m: number, p: Proc) => (p.pid > m ? p.pid : m))}\n`;
}
