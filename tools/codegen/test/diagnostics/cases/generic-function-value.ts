function identity<T>(x: T): T {
  return x;
}

export function main(): number {
  const f: (x: number) => number = identity; // error@col=36: a generic function used as a value
  return f(3);
}
