class P {
  x = 1;
  y = 2;
}

function len(p: { x: number; y: number }): number { // error@col=14: the object type '{ x: number; y: number; }'
  return p.x + p.y;
}

export function main(): number {
  return len(new P());
}
