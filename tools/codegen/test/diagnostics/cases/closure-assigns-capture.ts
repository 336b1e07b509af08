export function main(): number {
  let n = 0;
  const bump = (): void => {
    n = n + 1; // error-at@col=5: a closure that outlives its creator cannot assign captured variable 'n'
  };
  bump();
  return n;
}
