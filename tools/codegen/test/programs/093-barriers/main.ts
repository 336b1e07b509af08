// Barrier intrinsics are accepted anywhere and change nothing observable.
import { allocBytes, dmb, dmbIsh, dsb, dsbIsh, isb, kprint, load32, store32 } from '@unishyper/rt';

export function main(): void {
  const a = allocBytes(16, 16);
  store32(a, 1);
  dmb();
  store32(a + 4, 2);
  dsb();
  isb();
  store32(a + 8, 3);
  dmbIsh();
  dsbIsh();
  kprint`${load32(a)} ${load32(a + 4)} ${load32(a + 8)}\n`;
  for (let i = 0; i < 3; i++) {
    dmb();
    store32(a + 12, load32(a + 12) + i);
  }
  kprint`${load32(a + 12)}\n`;
}
