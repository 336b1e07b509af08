export function main(): number {
  let best = Infinity; // error@col=14: 'Infinity'
  return best;
}
