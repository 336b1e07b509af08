// compiler bug: `Math.max(a, b)` is rejected only by accident, with "the array type 'number[]'" (its rest parameter) at the call: the construct (Math) and the hint (plain comparisons) are missing
export function main(): number {
  return Math.max(3, 4); // error@col=10: Math
}
