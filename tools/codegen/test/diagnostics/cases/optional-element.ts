const T: readonly number[] = [1, 2, 3];

export function main(): number {
  return T?.[0] ?? 0; // error@col=10: optional chaining (?.)
}
