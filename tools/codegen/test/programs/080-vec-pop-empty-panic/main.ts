// Popping an empty Vec panics.
import { kprint, Vec } from '@unishyper/rt';

export function main(): void {
  const v = new Vec<string>('');
  v.push('only');
  kprint`popped ${v.pop()}\n`;
  kprint`popping again\n`;
  v.pop();
  kprint`unreachable\n`;
}
