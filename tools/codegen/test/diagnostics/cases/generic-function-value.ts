// compiler bug: a generic function named as a value is rejected by the function-type check first ("a generic function type ... use a function type with concrete parameter types"), which misleads: the target type here is concrete; the intended "generic function used as a value" diagnostic is unreachable
function identity<T>(x: T): T {
  return x;
}

export function main(): number {
  const f: (x: number) => number = identity; // error@col=36: a generic function used as a value
  return f(3);
}
