// The entry's position for a missing main is its first token.
import { kprint } from '@unishyper/rt'; // error-at@col=1: the entry module must export `function main(): void`

function main(): void {
  kprint`hi\n`;
}
