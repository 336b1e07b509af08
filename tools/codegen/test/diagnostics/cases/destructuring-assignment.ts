// compiler bug: checkAssignable runs before the destructuring check, so `[a, b] = [b, a]` gets "cannot assign to this expression" instead of "destructuring assignment ... assign each variable separately"
export function main(): number {
  let a = 1;
  let b = 2;
  [a, b] = [b, a]; // error@col=3: destructuring assignment
  return a;
}
