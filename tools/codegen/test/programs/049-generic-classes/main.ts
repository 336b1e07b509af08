// Generic classes instantiated with several types: a stack over FixedArray,
// a box, a pair with two type parameters, a generic class holding another.
import { FixedArray, kprint, u16 } from '@unishyper/rt';

class Box<T> {
  value: T;
  constructor(value: T) {
    this.value = value;
  }
  get(): T {
    return this.value;
  }
  set(v: T): void {
    this.value = v;
  }
}

class Pair<A, B> {
  first: A;
  second: B;
  constructor(first: A, second: B) {
    this.first = first;
    this.second = second;
  }
  swapped(): Pair<B, A> {
    return new Pair<B, A>(this.second, this.first);
  }
}

class Stack<T> {
  items: FixedArray<T>;
  top = 0;
  constructor(capacity: number, filler: T) {
    this.items = new FixedArray<T>(capacity, filler);
  }
  push(v: T): boolean {
    if (this.top === this.items.length) return false;
    this.items.set(this.top, v);
    this.top++;
    return true;
  }
  pop(): T {
    this.top--;
    return this.items.get(this.top);
  }
  isEmpty(): boolean {
    return this.top === 0;
  }
  size(): number {
    return this.top;
  }
}

class Task {
  id: number;
  constructor(id: number) {
    this.id = id;
  }
}

export function main(): void {
  const bn = new Box<number>(1);
  const bs = new Box<string>('one');
  const bt = new Box<Task>(new Task(11));
  bn.set(bn.get() + 41);
  bs.set('two');
  bt.get().id++;
  kprint`boxes: ${bn.get()} ${bs.get()} ${bt.get().id}\n`;
  const bb = new Box<Box<number>>(bn);
  bb.get().set(7);
  kprint`box of box: ${bb.get().get()}, original: ${bn.get()}\n`;

  const p = new Pair<number, string>(1, 'uno');
  const q = p.swapped();
  kprint`pair: ${p.first} ${p.second}; swapped: ${q.first} ${q.second}\n`;
  const pu = new Pair<u16, boolean>(u16(70000), true);
  kprint`pair u16/bool: ${pu.first} ${pu.second}\n`;

  const sn = new Stack<number>(4, 0);
  for (let i = 1; i <= 5; i++) kprint`push ${i * 10}: ${sn.push(i * 10)}\n`;
  kprint`size ${sn.size()}\n`;
  while (!sn.isEmpty()) kprint`pop ${sn.pop()}\n`;
  const ss = new Stack<string>(3, '');
  ss.push('a');
  ss.push('b');
  kprint`string stack pops: ${ss.pop()} ${ss.pop()} empty ${ss.isEmpty()}\n`;
  const st = new Stack<Task>(2, new Task(0));
  st.push(new Task(5));
  st.push(new Task(6));
  kprint`task stack pops: ${st.pop().id} ${st.pop().id}\n`;
  const sp = new Stack<Pair<number, string>>(1, p);
  sp.push(new Pair<number, string>(2, 'dos'));
  const top = sp.pop();
  kprint`pair stack pop: ${top.first} ${top.second}\n`;
}
