// compiler bug: logical assignment (||=, &&=, ??=) falls through to "operator '||=' does not apply to number and number": no "not supported in the kernel dialect" and no hint
export function main(): number {
  let a = 0;
  a ||= 5; // error@col=3: '||='
  return a;
}
