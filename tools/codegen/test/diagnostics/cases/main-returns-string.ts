export function main(): string { // error-at@col=1: main() returns void or a number
  return 'done';
}
