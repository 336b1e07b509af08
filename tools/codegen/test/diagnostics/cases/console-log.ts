export function main(): void {
  console.log('hello'); // error@col=3: console
}
