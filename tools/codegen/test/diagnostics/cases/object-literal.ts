export function main(): number {
  return { x: 1, y: 2 }.x; // error@col=10: an object literal
}
