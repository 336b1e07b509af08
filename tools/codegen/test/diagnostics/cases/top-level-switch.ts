let n = 0;

switch (n) { // error@col=1: top-level control flow
  case 0:
    n = 5;
}

export function main(): number {
  return n;
}
