class Counter {
  n = 0;
  set value(v: number) { // error@col=3: a getter or setter
    this.n = v;
  }
}

export function main(): number {
  const c = new Counter();
  c.value = 3;
  return c.n;
}
