class Box {
  x = 1;
}

export function main(): number {
  const b: Box | null = new Box();
  return b instanceof Box ? 1 : 0; // error@col=10: 'instanceof'
}
