// compiler bug: only for/if/while/blocks are checked at module level; a top-level switch (like do/while, try, throw, labelled statements) is silently dropped, so its effects never happen natively
let n = 0;

switch (n) { // error@col=1: top-level control flow
  case 0:
    n = 5;
}

export function main(): number {
  return n;
}
