export function main(): number {
  let found: number | null = null; // error@col=7: the type 'number | null'
  return 0;
}
