const A: readonly number[] = [1, 2];
const B: readonly number[] = A; // error-at@col=7: a readonly table needs an array literal initialiser

export function main(): number {
  return B.length;
}
