// T | null object references: a singly linked list, null checks with ===
// and !==, narrowing, returning null, fields set to null, nullable
// parameters.
import { kprint } from '@unishyper/rt';

class ListNode {
  value: number;
  next: ListNode | null;
  constructor(value: number, next: ListNode | null) {
    this.value = value;
    this.next = next;
  }
}

class List {
  head: ListNode | null = null;
  size = 0;

  pushFront(v: number): void {
    this.head = new ListNode(v, this.head);
    this.size++;
  }

  find(v: number): ListNode | null {
    let n = this.head;
    while (n !== null) {
      if (n.value === v) return n;
      n = n.next;
    }
    return null;
  }

  remove(v: number): boolean {
    let prev: ListNode | null = null;
    let cur = this.head;
    while (cur !== null) {
      if (cur.value === v) {
        if (prev === null) {
          this.head = cur.next;
        } else {
          prev.next = cur.next;
        }
        cur.next = null;
        this.size--;
        return true;
      }
      prev = cur;
      cur = cur.next;
    }
    return false;
  }

  reverse(): void {
    let prev: ListNode | null = null;
    let cur = this.head;
    while (cur !== null) {
      const next: ListNode | null = cur.next;
      cur.next = prev;
      prev = cur;
      cur = next;
    }
    this.head = prev;
  }

  print(label: string): void {
    kprint`${label} [${this.size}]:`;
    for (let n = this.head; n !== null; n = n.next) kprint` ${n.value}`;
    kprint`\n`;
  }
}

function valueOr(n: ListNode | null, fallback: number): number {
  if (n === null) return fallback;
  return n.value;
}

function last(l: List): ListNode | null {
  let n = l.head;
  if (n === null) return null;
  while (n.next !== null) n = n.next;
  return n;
}

export function main(): void {
  const l = new List();
  l.print('empty');
  kprint`last of empty is null: ${last(l) === null}\n`;
  for (let i = 1; i <= 5; i++) l.pushFront(i * 10);
  l.print('filled');
  kprint`find 30: ${valueOr(l.find(30), -1)}, find 35: ${valueOr(l.find(35), -1)}\n`;
  const f = l.find(20);
  kprint`found 20 is not null: ${f !== null}\n`;
  if (f !== null) kprint`its next: ${valueOr(f.next, -1)}\n`;
  kprint`remove 50 (head): ${l.remove(50)}\n`;
  kprint`remove 10 (tail): ${l.remove(10)}\n`;
  kprint`remove 99 (absent): ${l.remove(99)}\n`;
  l.print('after removes');
  l.reverse();
  l.print('reversed');
  kprint`last value: ${valueOr(last(l), -1)}\n`;
  let maybe: ListNode | null = null;
  kprint`maybe is null: ${maybe === null}\n`;
  maybe = l.head;
  kprint`maybe now ${valueOr(maybe, -1)}\n`;
  maybe = null;
  kprint`cleared: ${valueOr(maybe, -7)}\n`;
  while (l.head !== null) l.remove(l.head.value);
  l.print('drained');
}
