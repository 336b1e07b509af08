// Programs split over several modules: relative imports from sibling and
// nested files, exported classes, interfaces, generics and const objects
// used from another module, a module imported by two others.
import { kprint } from '@unishyper/rt';
import { Holder } from './lib/box';
import { Area, Line, report, type Measured } from './lib/shapes';
import { SCALE, Unit } from './lib/units';
import { double, scaledDouble } from './util';

class Ruler extends Line {
  constructor() {
    super(300);
  }
  override size(): number {
    return super.size() + 5;
  }
}

function biggest(a: Measured, b: Measured): Measured {
  return a.size() >= b.size() ? a : b;
}

export function main(): void {
  kprint`double(21) = ${double(21)}, scaledDouble(4) = ${scaledDouble(4)}, SCALE = ${SCALE}\n`;
  kprint`units: ${Unit.Mm} ${Unit.Mm2}\n`;
  const l = new Line(12);
  const a = new Area(3, 5);
  report(l);
  report(a);
  report(new Ruler());
  report(biggest(l, a));
  const h = new Holder<Measured>(l);
  const old = h.replace(a);
  kprint`replaced size ${old.size()} with ${h.item.size()}, changes ${h.changes}\n`;
  const hn = new Holder<number>(1);
  hn.replace(hn.item + 1);
  hn.replace(hn.item * 10);
  kprint`number holder ${hn.item}, changes ${hn.changes}\n`;
}
