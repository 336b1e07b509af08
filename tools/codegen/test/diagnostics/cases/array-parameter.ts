const T: readonly number[] = [1, 2, 3];

function first(xs: readonly number[]): number { // error@col=16: the array type 'readonly number[]'
  return xs[0]!;
}

export function main(): number {
  return first(T);
}
