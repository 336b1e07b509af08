class Box {
  x = 1;
}

export function main(): number {
  let n = 0;
  const b = new Box();
  for (const k in b) n = n + 1; // error@col=3: for...in
  return n;
}
