export function main(): number {
  const a = 3;
  return +a; // error@col=10: unary +
}
