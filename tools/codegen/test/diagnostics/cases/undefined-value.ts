export function main(): void {
  return undefined; // error@col=10: 'undefined'
}
