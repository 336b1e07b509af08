export function main(): number {
  return [1, 2, 3].length; // error@col=10: an array literal
}
