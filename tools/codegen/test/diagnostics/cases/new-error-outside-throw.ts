export function main(): void {
  const e = new Error('later'); // error@col=13: new Error outside throw
}
