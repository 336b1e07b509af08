// compiler bug: `Math.abs(x)` is accepted: the lib's `declare var Math` becomes a C global of interface type and the call a dispatch function with no implementation, which panics at run time
export function main(): number {
  const x = -3;
  return Math.abs(x); // error@col=10: Math
}
