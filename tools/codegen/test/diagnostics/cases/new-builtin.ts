export function main(): number {
  const bytes = new Uint8Array(16); // error@col=17: new of a Uint8Array
  return 0;
}
