export function main(): number {
  const s = 'héllo';
  return s.length; // error@col=10: '.length' of a string
}
