enum Color { // error@col=1: TypeScript 'enum'
  Red,
  Green,
}

export function main(): number {
  return Color.Green;
}
