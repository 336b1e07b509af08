class Point {
  constructor(readonly x: number, readonly y: number) {}
}

export function main(): number {
  const { x, y } = new Point(1, 2); // error@col=9: a destructuring declaration
  return x + y;
}
