export function main(): void {
  const n = 3;
  const s: string = `n = ${n}`; // error@col=21: a template literal
}
