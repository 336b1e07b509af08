export function main(): number {
  let a = 2;
  a **= 3; // error@col=3: '**='
  return a;
}
