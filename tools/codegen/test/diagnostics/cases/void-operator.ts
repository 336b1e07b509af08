function f(): number {
  return 1;
}

export function main(): void {
  void f(); // error@col=3: the expression 'VoidExpression'
}
