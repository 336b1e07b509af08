// compiler bug: a call to an overloaded function picks the first overload signature, which has no body, and reports "'scale' is declared without a body (a Node-only or ambient function cannot be lowered)" instead of naming overloads and saying what to write instead
function scale(a: number): number;
function scale(a: number, b: number): number;
function scale(a: number, b?: number): number {
  return a * (b ?? 2);
}

export function main(): number {
  return scale(3); // error@col=10: overload
}
