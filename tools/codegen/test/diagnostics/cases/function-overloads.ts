function scale(a: number): number;
function scale(a: number, b: number): number;
function scale(a: number, b?: number): number {
  return a * (b ?? 2);
}

export function main(): number {
  return scale(3); // error@col=10: overload
}
