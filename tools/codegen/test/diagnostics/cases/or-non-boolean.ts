class Box {
  v = 1;
}

function pick(a: Box | null, b: Box): Box {
  return a || b; // error@col=10: '||' producing a Box
}

export function main(): number {
  return pick(null, new Box()).v;
}
