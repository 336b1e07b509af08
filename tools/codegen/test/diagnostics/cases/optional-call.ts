export function main(): number {
  const f = (): number => 1;
  return f?.(); // error@col=10: optional call (?.())
}
