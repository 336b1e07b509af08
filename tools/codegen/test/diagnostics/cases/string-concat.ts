// compiler bug: string `+` (listed in docs/dialect.md as not allowed, "with a diagnostic that says what to write instead") falls through to "operator '+' does not apply to string and string": no "not supported in the kernel dialect" and no hint (StrBuf / kprint)
export function main(): void {
  const a = 'x';
  const s: string = a + 'y'; // error@col=21: string
}
