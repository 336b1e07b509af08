// throw new Error(msg) panics like panic(msg): exit status 101.
import { kprint } from '@unishyper/rt';

class Parser {
  pos = 0;
  next(): number {
    this.pos++;
    if (this.pos > 3) throw new Error('unexpected end of input');
    return this.pos * 11;
  }
}

function parseAll(p: Parser): number {
  let total = 0;
  while (true) {
    const v = p.next();
    kprint`token ${v}\n`;
    total += v;
    kprint`total so far ${total}\n`;
  }
}

export function main(): number {
  const p = new Parser();
  const t = parseAll(p);
  kprint`unreachable ${t}\n`;
  return 0;
}
