import { hex, kprint } from '@unishyper/rt';

export function main(): void {
  const h = hex(255); // error-at@col=13: hex() formats a value inside kprint`...` only
  kprint`${h}\n`;
}
