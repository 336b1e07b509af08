export function main(): number {
  var x = 1; // error@col=3: 'var'
  return x;
}
