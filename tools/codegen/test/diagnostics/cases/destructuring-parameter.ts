class Point {
  constructor(readonly x: number, readonly y: number) {}
}

function sum({ x, y }: Point): number { // error@col=14: a destructuring parameter
  return x + y;
}

export function main(): number {
  return sum(new Point(1, 2));
}
