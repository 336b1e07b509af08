export function main(): void {
  const a = 'x';
  const s: string = a + 'y'; // error@col=21: string
}
