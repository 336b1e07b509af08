// Vec growth: many pushes across several capacity doublings keep every
// element; reserve; popping everything and pushing again.
import { kprint, Vec } from '@unishyper/rt';

export function main(): void {
  const v = new Vec<number>(-1);
  kprint`initial capacity ${v.capacity()}\n`;
  let lastCap = v.capacity();
  for (let i = 0; i < 1000; i++) {
    v.push(i * 3);
    if (v.capacity() !== lastCap) {
      kprint`len ${v.len()}: capacity ${lastCap} -> ${v.capacity()}\n`;
      lastCap = v.capacity();
    }
  }
  let ok = true;
  for (let i = 0; i < v.len(); i++) {
    if (v.get(i) !== i * 3) ok = false;
  }
  kprint`all 1000 elements intact: ${ok}, last ${v.get(999)}\n`;
  let popped = 0;
  while (v.len() > 500) {
    popped += v.pop();
  }
  kprint`popped sum ${popped}, len ${v.len()}, capacity ${v.capacity()}\n`;
  const w = new Vec<number>(0);
  w.reserve(10);
  kprint`reserved capacity ${w.capacity()}\n`;
  for (let i = 0; i < 10; i++) w.push(i);
  kprint`after 10 pushes capacity ${w.capacity()}\n`;
  w.push(10);
  kprint`after 11 pushes capacity ${w.capacity()}, len ${w.len()}\n`;
  let s = 0;
  for (let i = 0; i < w.len(); i++) s += w.get(i);
  kprint`sum ${s}\n`;
}
