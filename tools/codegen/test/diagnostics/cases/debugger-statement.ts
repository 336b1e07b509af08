export function main(): void {
  debugger; // error@col=3: debugger
}
