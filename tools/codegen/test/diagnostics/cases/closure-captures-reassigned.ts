function makeCounter(): () => number {
  let n = 1;
  n = n + 1;
  return () => n; // error-at@col=10: closure that outlives its creator captures 'n', which is reassigned
}

export function main(): number {
  const counter = makeCounter();
  return counter();
}
