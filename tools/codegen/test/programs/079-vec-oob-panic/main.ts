// Vec.get checks the index against len(), not the capacity.
import { kprint, Vec } from '@unishyper/rt';

export function main(): void {
  const v = new Vec<number>(0);
  v.push(1);
  v.push(2);
  v.push(3);
  kprint`len ${v.len()}, capacity ${v.capacity()}\n`;
  kprint`v[2] = ${v.get(2)}\n`;
  kprint`reading v[3]\n`;
  const x = v.get(3);
  kprint`v[3] = ${x}\n`;
}
