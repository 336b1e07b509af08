function apply(f: <T>(x: T) => T): number { // error@col=16: a generic function type
  return f(1);
}

export function main(): number {
  return apply((x) => x);
}
