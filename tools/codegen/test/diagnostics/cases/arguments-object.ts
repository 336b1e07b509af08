function count(a: number, b: number): number {
  return arguments.length; // error-at@col=10: 'arguments' cannot be used as a value here
}

export function main(): number {
  return count(1, 2);
}
