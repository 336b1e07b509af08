// FixedArray of objects and of nullable objects: shared fill object,
// replacing elements, null slots, arrays of class instances with methods.
import { FixedArray, kprint } from '@unishyper/rt';

class Slot {
  id: number;
  used = false;
  constructor(id: number) {
    this.id = id;
  }
  take(): void {
    this.used = true;
  }
}

class Table {
  slots: FixedArray<Slot | null>;
  constructor(n: number) {
    this.slots = new FixedArray<Slot | null>(n, null);
  }
  insert(s: Slot): number {
    for (let i = 0; i < this.slots.length; i++) {
      if (this.slots.get(i) === null) {
        this.slots.set(i, s);
        return i;
      }
    }
    return -1;
  }
  remove(i: number): Slot | null {
    const s = this.slots.get(i);
    this.slots.set(i, null);
    return s;
  }
  count(): number {
    let n = 0;
    for (let i = 0; i < this.slots.length; i++) if (this.slots.get(i) !== null) n++;
    return n;
  }
  show(): void {
    kprint`table:`;
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots.get(i);
      if (s === null) {
        kprint` -`;
      } else {
        kprint` ${s.id}`;
      }
    }
    kprint`\n`;
  }
}

export function main(): void {
  const shared = new Slot(0);
  const arr = new FixedArray<Slot>(3, shared);
  arr.get(0).take();
  kprint`fill object is shared: ${arr.get(2).used}, same object: ${arr.get(1) === arr.get(2)}\n`;
  arr.set(1, new Slot(1));
  kprint`replaced: ${arr.get(1).id} used ${arr.get(1).used}, others still shared: ${arr.get(0) === arr.get(2)}\n`;

  const t = new Table(4);
  for (let i = 1; i <= 5; i++) kprint`insert ${i * 100} -> ${t.insert(new Slot(i * 100))}\n`;
  t.show();
  const r = t.remove(1);
  kprint`removed ${r === null ? -1 : r.id}, count ${t.count()}\n`;
  const again = t.remove(1);
  kprint`removing an empty slot gives null: ${again === null}\n`;
  t.show();
  kprint`insert 600 -> ${t.insert(new Slot(600))}\n`;
  t.show();
  let used = 0;
  for (let i = 0; i < t.slots.length; i++) {
    const s = t.slots.get(i);
    if (s !== null) {
      if (s.id > 200) s.take();
      if (s.used) used++;
    }
  }
  kprint`used slots: ${used}\n`;
}
