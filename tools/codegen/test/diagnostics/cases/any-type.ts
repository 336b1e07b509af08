export function main(): number {
  let x: any = 1; // error@col=7: type 'any'
  return 0;
}
