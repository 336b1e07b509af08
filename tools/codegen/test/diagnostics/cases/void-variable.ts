function log(): void {}

export function main(): void {
  const r = log(); // error-at@col=9: variable 'r' has no storable type
}
