export function main(): number {
  return 0;
}

throw new Error('not ready'); // error@col=1: top-level
