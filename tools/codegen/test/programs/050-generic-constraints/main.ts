// Generic functions and classes with interface constraints; the type
// argument is inferred or given explicitly.
import { FixedArray, idiv, kprint } from '@unishyper/rt';

interface Keyed {
  key(): number;
}

class Inode implements Keyed {
  ino: number;
  constructor(ino: number) {
    this.ino = ino;
  }
  key(): number {
    return this.ino;
  }
}

class Socket implements Keyed {
  port: number;
  constructor(port: number) {
    this.port = port;
  }
  key(): number {
    return this.port + 100000;
  }
}

function findKey<T extends Keyed>(arr: FixedArray<T>, k: number): number {
  for (let i = 0; i < arr.length; i++) {
    if (arr.get(i).key() === k) return i;
  }
  return -1;
}

function sortByKey<T extends Keyed>(arr: FixedArray<T>): void {
  for (let i = 1; i < arr.length; i++) {
    const item = arr.get(i);
    let j = i - 1;
    while (j >= 0 && arr.get(j).key() > item.key()) {
      arr.set(j + 1, arr.get(j));
      j--;
    }
    arr.set(j + 1, item);
  }
}

class Table<T extends Keyed> {
  slots: FixedArray<T>;
  constructor(slots: FixedArray<T>) {
    this.slots = slots;
  }
  sum(): number {
    let s = 0;
    for (let i = 0; i < this.slots.length; i++) s += this.slots.get(i).key();
    return s;
  }
}

export function main(): void {
  const inodes = new FixedArray<Inode>(5, new Inode(0));
  const order = 40213;
  let x = order;
  for (let i = 0; i < 5; i++) {
    inodes.set(i, new Inode((x % 10) * 11));
    x = idiv(x, 10);
  }
  kprint`inodes:`;
  for (let i = 0; i < inodes.length; i++) kprint` ${inodes.get(i).ino}`;
  kprint`\n`;
  sortByKey(inodes);
  kprint`sorted:`;
  for (let i = 0; i < inodes.length; i++) kprint` ${inodes.get(i).ino}`;
  kprint`\n`;
  kprint`find 22 -> ${findKey(inodes, 22)}, find 5 -> ${findKey(inodes, 5)}\n`;
  const socks = new FixedArray<Socket>(2, new Socket(80));
  socks.set(1, new Socket(22));
  sortByKey<Socket>(socks);
  kprint`socket order: ${socks.get(0).port} ${socks.get(1).port}\n`;
  kprint`find 100080 -> ${findKey(socks, 100080)}\n`;
  const t1 = new Table<Inode>(inodes);
  const t2 = new Table<Socket>(socks);
  kprint`table sums: ${t1.sum()} ${t2.sum()}\n`;
}
