function add(a: number, b = 1): number { // error@col=25: an optional or default parameter
  return a + b;
}

export function main(): number {
  return add(1, 2);
}
