// compiler bug: the message quotes the literal's rounded double value (9007199254740992) instead of the text written in the source
export function main(): number {
  const big = 9007199254740993; // error-at@col=15: the number 9007199254740993
  return 0;
}
