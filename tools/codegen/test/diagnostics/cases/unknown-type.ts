function check(v: unknown): number { // error@col=16: type 'unknown'
  return 1;
}

export function main(): number {
  return check(1);
}
