// Vec<T>: push, pop, get, set, len, clear, for numbers, strings and objects.
import { kprint, Vec } from '@unishyper/rt';

class Packet {
  len: number;
  constructor(len: number) {
    this.len = len;
  }
}

function show(v: Vec<number>): void {
  kprint`[${v.len()}]`;
  for (let i = 0; i < v.len(); i++) kprint` ${v.get(i)}`;
  kprint`\n`;
}

export function main(): void {
  const v = new Vec<number>(0);
  show(v);
  for (let i = 1; i <= 5; i++) v.push(i * 11);
  show(v);
  kprint`pop -> ${v.pop()}\n`;
  kprint`pop -> ${v.pop()}\n`;
  show(v);
  v.set(0, -1);
  v.push(99);
  show(v);
  let sum = 0;
  while (v.len() > 0) sum += v.pop();
  kprint`sum of popped = ${sum}, len now ${v.len()}\n`;
  v.push(7);
  show(v);
  v.clear();
  show(v);

  const names = new Vec<string>('');
  names.push('init');
  names.push('idle');
  names.push('shell');
  for (let i = 0; i < names.len(); i++) kprint`name ${i}: ${names.get(i)}\n`;
  kprint`popped name: ${names.pop()}, len ${names.len()}\n`;

  const queue = new Vec<Packet>(new Packet(0));
  for (let i = 0; i < 4; i++) queue.push(new Packet(64 * (i + 1)));
  let bytes = 0;
  for (let i = 0; i < queue.len(); i++) bytes += queue.get(i).len;
  kprint`queued bytes = ${bytes}\n`;
  const p = queue.pop();
  p.len = 1;
  kprint`popped packet len set to ${p.len}, remaining ${queue.len()}\n`;
  queue.get(0).len += 1000;
  kprint`first packet len ${queue.get(0).len}\n`;
}
