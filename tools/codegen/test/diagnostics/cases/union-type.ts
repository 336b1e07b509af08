function width(x: number | string): number { // error@col=16: the union type 'string | number'
  return 1;
}

export function main(): number {
  return width(3);
}
