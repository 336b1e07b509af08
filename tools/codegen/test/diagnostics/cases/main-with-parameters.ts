export function main(argc: number): number { // error-at@col=1: main() takes no parameters
  return argc;
}
