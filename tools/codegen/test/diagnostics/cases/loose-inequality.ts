export function main(): number {
  let a = 3;
  return a != 4 ? 1 : 0; // error@col=10: '!=' (loose equality)
}
