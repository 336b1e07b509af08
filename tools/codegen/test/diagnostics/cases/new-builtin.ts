export function main(): number {
  const bytes = new Uint8Array(16); // error@col=21: Uint8Array
  return 0;
}
