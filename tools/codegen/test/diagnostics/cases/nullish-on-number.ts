function orZero(x: number): number {
  return x ?? 0; // error-at@col=10: '??' applies to object references that may be null
}

export function main(): number {
  return orZero(3);
}
