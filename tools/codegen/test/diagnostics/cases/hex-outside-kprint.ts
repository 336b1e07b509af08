import { hex } from '@unishyper/rt';

export function main(): void {
  hex(255); // error-at@col=3: hex() formats a value inside kprint`...` only
}
