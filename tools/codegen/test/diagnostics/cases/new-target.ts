class A {
  exact: boolean;
  constructor() {
    this.exact = new.target === A; // error@col=18: the expression 'MetaProperty'
  }
}

export function main(): number {
  return new A().exact ? 1 : 0;
}
