function twice(x: number): number {
  return x * 2;
}

export function main(): number {
  return twice(...([5] as const)); // error@col=16: spread (...)
}
