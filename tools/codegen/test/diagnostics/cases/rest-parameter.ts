function count(...xs: number[]): number { // error@col=16: a rest parameter
  return xs.length;
}

export function main(): number {
  return count(1, 2);
}
