export function main(): void {
  const n = 3;
  const t: string = typeof n; // error@col=21: typeof
}
