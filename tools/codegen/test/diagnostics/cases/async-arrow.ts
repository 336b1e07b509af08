export function main(): void {
  const f = async (): Promise<number> => 1; // error@col=13: an async arrow function
  f();
}
