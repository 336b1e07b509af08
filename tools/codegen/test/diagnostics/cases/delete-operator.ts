interface Opt {
  x?: number;
}

class Holder implements Opt {}

function clear(o: Opt): boolean {
  return delete o.x; // error@col=10: delete
}

export function main(): void {
  clear(new Holder());
}
