// compiler bug: '/=' is missing from the compound-assignment table, so it falls through to "operator '/=' does not apply to number and number" instead of the '/' diagnostic with its idiv hint
export function main(): number {
  let a = 8;
  a /= 2; // error@col=3: '/'
  return a;
}
