export function main(): number {
  const big = 9007199254740993; // error-at@col=15: the number 9007199254740993
  return 0;
}
