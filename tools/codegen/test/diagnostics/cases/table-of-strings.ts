const NAMES: readonly string[] = ['a', 'b']; // error@col=7: a table of string

export function main(): number {
  return NAMES.length;
}
