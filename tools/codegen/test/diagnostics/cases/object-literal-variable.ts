export function main(): number {
  const p = { x: 1, y: 2 }; // error@col=9: the object type '{ x: number; y: number; }'
  return p.x;
}
