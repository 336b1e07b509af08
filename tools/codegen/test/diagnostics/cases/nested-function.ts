export function main(): number {
  function helper(): number { // error@col=3: a nested function declaration
    return 1;
  }
  return helper();
}
