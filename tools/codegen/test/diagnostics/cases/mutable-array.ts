let table: number[] = [1, 2, 3]; // error@col=5: a mutable JS array

export function main(): number {
  return table[0]!;
}
