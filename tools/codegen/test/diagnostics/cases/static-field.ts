class Counter {
  static count = 0;
}

export function main(): number {
  return Counter.count; // error@col=10: a static field
}
