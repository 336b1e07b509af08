// Indexing a module-level readonly table past its end panics
// ("index <i> out of bounds for length <n>"), like FixedArray.
import { kprint } from '@unishyper/rt';

const SQUARES: readonly number[] = [0, 1, 4, 9, 16];

function square(i: number): number {
  return SQUARES[i];
}

export function main(): void {
  for (let i = 0; i <= SQUARES.length; i++) {
    const v = square(i);
    kprint`square(${i}) = ${v}\n`;
  }
  kprint`unreachable\n`;
}
