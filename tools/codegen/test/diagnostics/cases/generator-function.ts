// compiler bug: a generator function (docs/dialect.md: "async/await, generators ... not allowed") is not rejected as such
function* counter(): Generator<number> { // error@col=1: generator
  yield 1;
}

export function main(): void {
  counter();
}
