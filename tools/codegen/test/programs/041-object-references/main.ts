// Objects refer to objects: aliasing, mutation through references,
// objects passed to and returned from functions, reference identity (===).
import { kprint } from '@unishyper/rt';

class Account {
  id: number;
  balance: number;
  constructor(id: number, balance: number) {
    this.id = id;
    this.balance = balance;
  }
}

class Transfer {
  from: Account;
  to: Account;
  amount: number;
  constructor(from: Account, to: Account, amount: number) {
    this.from = from;
    this.to = to;
    this.amount = amount;
  }
  apply(): boolean {
    if (this.from.balance < this.amount) return false;
    this.from.balance -= this.amount;
    this.to.balance += this.amount;
    return true;
  }
}

function richer(a: Account, b: Account): Account {
  return a.balance >= b.balance ? a : b;
}

function drain(a: Account): void {
  a.balance = 0;
}

export function main(): void {
  const alice = new Account(1, 100);
  const bob = new Account(2, 50);
  const t1 = new Transfer(alice, bob, 30);
  const t2 = new Transfer(bob, alice, 500);
  kprint`t1 applied: ${t1.apply()}\n`;
  kprint`t2 applied: ${t2.apply()}\n`;
  kprint`alice ${alice.balance}, bob ${bob.balance}\n`;
  const r = richer(alice, bob);
  kprint`richer is ${r.id}, same as alice: ${r === alice}, same as bob: ${r === bob}\n`;
  r.balance += 1;
  kprint`bob after bonus through alias: ${bob.balance}, alice still ${alice.balance}\n`;
  const twin = new Account(1, alice.balance);
  kprint`twin has same fields but is a different object: ${twin === alice}\n`;
  t1.to = twin;
  kprint`t1 applied again (to twin): ${t1.apply()}\n`;
  kprint`alice ${alice.balance}, bob ${bob.balance}, twin ${twin.balance}\n`;
  drain(bob);
  kprint`bob drained: ${bob.balance}, via t2.from: ${t2.from.balance}\n`;
  t2.from = t1.from;
  t2.to = t1.from;
  t2.amount = 1;
  kprint`self transfer applied: ${t2.apply()}, alice ${alice.balance}\n`;
}
