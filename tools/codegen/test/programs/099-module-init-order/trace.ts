import { kprint } from '@unishyper/rt';

let step = 0;

export function trace(name: string, v: number): number {
  step++;
  kprint`init ${step}: ${name} = ${v}\n`;
  return v;
}
