export function main(): number {
  const x = -3;
  return Math.abs(x); // error@col=10: Math
}
