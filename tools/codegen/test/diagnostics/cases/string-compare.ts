export function main(): number {
  const a = 'apple';
  const b = 'banana';
  return a < b ? 1 : 0; // error@col=10: '<' on string and string
}
