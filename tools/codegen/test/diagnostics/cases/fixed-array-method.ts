import { FixedArray } from '@unishyper/rt';

export function main(): void {
  const a = new FixedArray<number>(4, 0);
  a.toString(); // error@col=3: FixedArray.toString
}
