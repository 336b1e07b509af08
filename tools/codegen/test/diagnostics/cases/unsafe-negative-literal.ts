export function main(): number {
  const big = -9007199254740992; // error-at@col=15: the number -9007199254740992 is outside the dialect's integer domain
  return 0;
}
