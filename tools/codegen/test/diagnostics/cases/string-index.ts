export function main(): number {
  const s = 'hello';
  return s[0] === 'h' ? 1 : 0; // error@col=10: indexing a string with []
}
