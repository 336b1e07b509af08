/**
 * @unishyper/rt: the kernel dialect's prelude. Every name here has a Node
 * implementation (this package) and a native one (native/rt.h, or the
 * compiler itself); docs/lowering-contract.md binds the two. Test-only
 * controls of the simulated machine live in `@unishyper/rt/sim`.
 */
export { u8, u16, u32, i8, i16, i32, u64, i64, num } from './int.js';
export {
  mul32, mulu32, idiv,
  divu32, remu32, divi32, remi32, divu64, remu64, divi64, remi64,
  shl64, shr64, sar64,
  clz32, ctz32, popcnt32,
  bswap16, bswap32, bswap64, rotl32, rotr32,
} from './arith.js';
export { load8, load16, load32, load64, store8, store16, store32, store64, memcpy, memset, onesSum16 } from './memory.js';
export { atomicCas64, atomicFetchAdd64, atomicLoad64, atomicStore64, atomicSwap64 } from './atomic.js';
export { CLEANUP_SLOT_OFFSET, cleanupSlot, runCleanups } from './cleanup.js';
export { allocBytes, freeBytes } from './heap.js';
export {
  mmioRead8, mmioRead16, mmioRead32, mmioRead64,
  mmioWrite8, mmioWrite16, mmioWrite32, mmioWrite64,
} from './mmio.js';
export { dmb, dsb, isb, dmbIsh, dsbIsh, wfi, wfe, sev } from './barrier.js';
export { readSysreg, writeSysreg, type SysReg } from './sysreg.js';
export { strLen, strByteAt, strFromBytes } from './string.js';
export { kprint, hex, Hex } from './kprint.js';
export { panic, KernelPanic } from './panic.js';
export { checkIndex } from './bounds.js';
export { FixedArray } from './fixed-array.js';
export { release } from './release.js';
export { Vec } from './lib/vec.js';
export { StrBuf } from './lib/strbuf.js';
export { Pool } from './lib/pool.js';
