export function main(): number {
  let n = 0;
  for (let i = 0; i < 3; i++) {
    if (i === 1) break outer; // tsc-error@col=18: Jump target
    n = n + 1;
  }
  return n;
}
