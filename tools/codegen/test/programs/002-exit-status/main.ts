// main() returning a number: that number is the exit status.
import { kprint } from '@unishyper/rt';

function triangle(n: number): number {
  let s = 0;
  for (let i = 1; i <= n; i++) s += i;
  return s;
}

export function main(): number {
  const status = triangle(8) + 6; // 36 + 6
  kprint`computed status ${status}\n`;
  if (status > 255) return 1;
  kprint`exiting\n`;
  return status;
}
