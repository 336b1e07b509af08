const T: readonly number[] = [1, 2, 3];

export function main(): number {
  let s = 0;
  for (const x of T) s = s + x; // error@col=3: for...of
  return s;
}
