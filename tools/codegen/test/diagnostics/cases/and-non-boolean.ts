export function main(): number {
  const a = 3;
  const b = 4;
  return a && b; // error@col=10: '&&' producing a number
}
