class Point {
  constructor(readonly x: number, readonly y: number) {}
}

export const { x, y } = new Point(1, 2); // error@col=14: a destructuring declaration

export function main(): number {
  return x + y;
}
