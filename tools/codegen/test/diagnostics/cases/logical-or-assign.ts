export function main(): number {
  let a = 0;
  a ||= 5; // error@col=3: '||='
  return a;
}
