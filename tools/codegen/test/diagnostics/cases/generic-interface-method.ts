interface Chooser {
  pick<T>(a: T, b: T): T;
}

class First implements Chooser {
  pick<T>(a: T, b: T): T {
    return a;
  }
}

function use(c: Chooser): number {
  return c.pick(1, 2); // error@col=10: a generic method through an interface
}

export function main(): number {
  return use(new First());
}
