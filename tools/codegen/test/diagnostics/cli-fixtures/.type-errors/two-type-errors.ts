// CLI fixture: two TypeScript type errors (lines 5 and 6); a dot-directory keeps them out of `tsc -p tools/codegen`.
import { u32 } from '@unishyper/rt';

export function main(): number {
  const a: u32 = 1;
  const b: string = a;
  return 0;
}
