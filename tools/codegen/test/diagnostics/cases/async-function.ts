async function compute(): Promise<number> { // error@col=1: async
  return 1;
}

export function main(): void {
  compute();
}
