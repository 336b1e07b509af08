export function main(): number {
  const f = function (): number { // error@col=13: a function expression
    return 1;
  };
  return f();
}
