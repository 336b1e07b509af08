export function main(): number {
  const x: number = NaN; // error@col=21: 'NaN'
  return x;
}
