// CLI fixture: outside the dialect ('/' on line 5, column 10).
export function main(): number {
  const a = 7;
  const b = 2;
  return a / b;
}
