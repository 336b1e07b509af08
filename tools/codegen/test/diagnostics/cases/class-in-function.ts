export function main(): number {
  class Local { // error@col=3: a class declared inside a function
    v = 1;
  }
  return new Local().v;
}
