class Node1 {
  v = 1;
}

function get(n: Node1 | null): number {
  return n?.v ?? 0; // error@col=10: optional chaining (?.)
}

export function main(): number {
  return get(null);
}
