class Bag {
  [key: string]: number; // error@col=3: an index signature
}

export function main(): number {
  const b = new Bag();
  return 0;
}
