export function main(): void {
  import('@unishyper/rt'); // error@col=3: dynamic import()
}
