export function main(): number {
  const a = 3;
  return a ** 2; // error@col=10: the '**' operator
}
