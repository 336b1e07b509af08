let n = 0;

for (let i = 0; i < 3; i++) { // error@col=1: top-level control flow
  n = n + i;
}

export function main(): number {
  return n;
}
