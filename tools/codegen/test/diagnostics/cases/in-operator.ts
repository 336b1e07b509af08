class Box {
  x = 1;
}

export function main(): number {
  const b = new Box();
  return 'x' in b ? 1 : 0; // error@col=10: 'in'
}
