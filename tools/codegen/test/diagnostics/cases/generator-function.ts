function* counter(): Generator<number> { // error@col=1: generator
  yield 1;
}

export function main(): void {
  counter();
}
