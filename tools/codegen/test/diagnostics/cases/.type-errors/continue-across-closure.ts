function each(f: () => void): void {
  f();
}

export function main(): number {
  for (let i = 0; i < 3; i++) {
    each(() => {
      continue; // tsc-error@col=7: Jump target cannot cross function boundary
    });
  }
  return 0;
}
