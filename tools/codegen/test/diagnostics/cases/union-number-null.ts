// compiler bug: `number | null` passes the union check as plain `number` (null has no representation in int64_t); the null is then rejected later with "cannot convert null to number here", which names neither the union nor what to write instead
export function main(): number {
  let found: number | null = null; // error@col=7: the union type 'number | null'
  return 0;
}
