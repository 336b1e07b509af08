export function main(): number {
  const a = 3;
  if (a == 3) return 1; // error@col=7: '==' (loose equality)
  return 0;
}
