// CLI fixture: prints a line and exits with status 7.
import { kprint } from '@unishyper/rt';

function add(a: number, b: number): number {
  return a + b;
}

export function main(): number {
  kprint`hello from the cli ${add(40, 2)}\n`;
  return add(3, 4);
}
