// Conditional expressions: nested, right-associative chains, with side
// effects only in the chosen branch, yielding objects and strings.
import { kprint } from '@unishyper/rt';

let evaluated = 0;

function val(n: number): number {
  evaluated++;
  return n;
}

function classify(n: number): string {
  return n < 0 ? 'negative' : n === 0 ? 'zero' : n < 10 ? 'small' : n < 100 ? 'medium' : 'large';
}

class Item {
  id: number;
  constructor(id: number) {
    this.id = id;
  }
}

export function main(): void {
  kprint`${classify(-3)} ${classify(0)} ${classify(7)} ${classify(42)} ${classify(1000)}\n`;
  const a = 3;
  const b = 9;
  const max = a > b ? a : b;
  const min = a < b ? a : b;
  kprint`max = ${max}, min = ${min}\n`;
  const r = a > 0 ? val(1) : val(2);
  kprint`r = ${r}, evaluated = ${evaluated}\n`;
  const s = a < 0 ? val(10) : b < 0 ? val(20) : val(30);
  kprint`s = ${s}, evaluated = ${evaluated}\n`;
  const x = new Item(1);
  const y = new Item(2);
  const pick = a > b ? x : y;
  kprint`picked node ${pick.id}\n`;
  kprint`inline: ${a === 3 ? 'three' : 'other'}\n`;
  let total = 0;
  for (let i = 0; i < 10; i++) total += i % 2 === 0 ? i : -i;
  kprint`alternating sum = ${total}\n`;
  const flag = (a > 1 ? b > 5 : b > 100) ? 1 : 0;
  kprint`flag = ${flag}\n`;
  const nested = a > 1 ? (b > 10 ? 'a' : 'b') : b > 10 ? 'c' : 'd';
  kprint`nested = ${nested}\n`;
}
