export function main(): number {
  const s = 'hello';
  return s.charCodeAt(0); // error@col=10: the string method 'charCodeAt'
}
