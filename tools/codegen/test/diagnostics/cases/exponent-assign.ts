// compiler bug: '**=' is missing from the compound-assignment table, so it falls through to "operator '**=' does not apply to number and number" instead of the '**' diagnostic with its hint
export function main(): number {
  let a = 2;
  a **= 3; // error@col=3: '**'
  return a;
}
