export function main(): number {
  let a = 8;
  a /= 2; // error@col=3: '/='
  return a;
}
