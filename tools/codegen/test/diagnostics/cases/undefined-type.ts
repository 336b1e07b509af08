export function main(): number {
  let x: number | undefined = 3; // error@col=7: the value 'undefined'
  return 0;
}
