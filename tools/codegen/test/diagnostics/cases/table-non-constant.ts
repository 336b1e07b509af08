function two(): number {
  return 2;
}

const T: readonly number[] = [1, two(), 3]; // error-at@col=34: table elements must be constant expressions

export function main(): number {
  return T[1]!;
}
