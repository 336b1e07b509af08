class Node1 {
  v = 1;
  reset(): void {
    this.v = 0;
  }
}

function clear(n: Node1 | null): void {
  n?.reset(); // error@col=3: optional chaining (?.)
}

export function main(): void {
  clear(null);
}
