class Counter {
  private n = 0;
  get value(): number { // error@col=3: a getter or setter
    return this.n;
  }
}

export function main(): number {
  return new Counter().value;
}
