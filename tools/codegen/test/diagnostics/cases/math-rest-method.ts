export function main(): number {
  return Math.max(3, 4); // error@col=10: Math
}
