function call(f: (x: number) => number): number {
  return f(1);
}

export function main(): number {
  return call((x: number = 2) => x); // error@col=16: this closure parameter form
}
