function add(a: number, b?: number): number { // error@col=25: an optional or default parameter
  return a + (b ?? 0);
}

export function main(): number {
  return add(1, 2);
}
