class Base {
  pick<T>(a: T, b: T): T { // error@col=3: a generic method that is overridden
    return a;
  }
}

class Derived extends Base {
  override pick<T>(a: T, b: T): T {
    return b;
  }
}

export function main(): number {
  const o: Base = new Derived();
  return o.pick(1, 2);
}
