interface Shape {
  readonly sides: number;
}

class Square implements Shape {
  readonly sides = 4;
}

function sidesOf(s: Shape): number {
  return s.sides; // error@col=10: reading a property through an interface
}

export function main(): number {
  return sidesOf(new Square());
}
