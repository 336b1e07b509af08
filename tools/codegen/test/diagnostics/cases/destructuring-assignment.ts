export function main(): number {
  let a = 1;
  let b = 2;
  [a, b] = [b, a]; // error@col=3: destructuring assignment
  return a;
}
