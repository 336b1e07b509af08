export function main(): number {
  const half = 1.5; // error-at@col=16: the number 1.5 is outside the dialect's integer domain
  return 0;
}
