// compiler bug: the generic-interface-method check looks at the resolved (already instantiated) signature, which has no type parameters, so it never fires; the call fails later in the dispatch function with "cannot infer type parameter 'T' here; pass explicit type arguments"
interface Chooser {
  pick<T>(a: T, b: T): T;
}

class First implements Chooser {
  pick<T>(a: T, b: T): T {
    return a;
  }
}

function use(c: Chooser): number {
  return c.pick(1, 2); // error@col=10: a generic interface method
}

export function main(): number {
  return use(new First());
}
