// The benchmark kernels: each has a C baseline, a dialect version and one
// glue file (input + call) shared by both.
import path from 'node:path';
import { BENCH_DIR } from './toolchain.js';

export interface KernelSpec {
  name: string;
  what: string;
  /** bench/glue/<name>.c: builds the input, calls the kernel once per bench_run(). */
  glue: string;
  /** Hand-written C baseline. */
  cSource: string;
  /** Dialect version and the export the glue calls. */
  tsSource: string;
  tsExport: string;
  /** Kernels of the shape k(buf, len, n) (glue/call.c): the C twin's name and n. */
  call?: { cSymbol: string; n: number };
}

function spec(name: string, what: string, tsExport: string): KernelSpec {
  return {
    name,
    what,
    glue: path.join(BENCH_DIR, 'glue', `${name}.c`),
    cSource: path.join(BENCH_DIR, 'c', `${name}.c`),
    tsSource: path.join(BENCH_DIR, 'ts', `${name}.ts`),
    tsExport,
  };
}

/** A kernel called through glue/call.c as k(pattern buffer, 65536, n). */
function callSpec(name: string, what: string, tsExport: string, cSymbol: string, n: number): KernelSpec {
  return { ...spec(name, what, tsExport), glue: path.join(BENCH_DIR, 'glue', 'call.c'), call: { cSymbol, n } };
}

/** Kernels written as ordinary kernel code (issue 14), each with its C twin. */
const CALL_KERNELS: readonly KernelSpec[] = [
  callSpec('sha256', 'SHA-256 of 16 KiB (FixedArray state and schedule)', 'sha256', 'sha256_bench', 16384),
  callSpec('lru', 'LRU cache: hash chains + doubly linked list of objects, 100k skewed look-ups', 'lru', 'lru_bench', 100_000),
  callSpec('hashtab', 'connection table: objects in 509 chains, 100k find/insert/remove', 'hashtab', 'hashtab_bench', 100_000),
  callSpec('hdrparse', 'IPv4+UDP headers parsed in place (load8/16/32, big-endian), 4 x 64 KiB', 'hdrparse', 'hdrparse_bench', 4),
  callSpec('ringbuf', 'SPSC ring of u32 in a FixedArray, 50k bursts', 'ringbuf', 'ringbuf_bench', 50_000),
  callSpec('bitmap', 'bitmap frame allocator (ctz32), 4096 frames, 50k alloc/free', 'bitmap', 'bitmap_bench', 50_000),
  callSpec('pqueue', 'binary min-heap timer queue in a FixedArray, 100k push/pop', 'pqueue', 'pqueue_bench', 100_000),
  callSpec('strsearch', 'needle search (strByteAt) and keyword compare (===), 64 KiB text', 'strsearch', 'strsearch_bench', 65536),
  callSpec('fsm', 'lexer: switch state machine over 2 x 64 KiB', 'fsm', 'fsm_bench', 2),
  callSpec('closures', 'closures passed to forEach/fold, capturing locals, 4 x 16 Ki words', 'closures', 'closures_bench', 4),
  callSpec('iface', 'BlockDevice interface, two implementations, 16 devices x 64 blocks x 200', 'iface', 'iface_bench', 200),
  callSpec('u64mix', 'u64: FNV-1a 64 + splitmix64 finaliser over 64 KiB, 2 rounds', 'u64mix', 'u64mix_bench', 2),
];

export const KERNELS: readonly KernelSpec[] = [
  spec('checksum', 'RFC 1071 Internet checksum, 64 KiB', 'inetChecksum'),
  spec('crc32', 'CRC-32 IEEE, 256-entry table, 64 KiB', 'crc32'),
  spec('fatwalk', 'FAT32 chain walk, 60000 of 65536 entries', 'fatWalk'),
  ...CALL_KERNELS,
];

/** Dialect/C instruction ratio the compiler must stay within. */
export const TARGET_RATIO = 1.15;

/** Target for the geometric mean of the ratios over all kernels. */
export const TARGET_GEOMEAN = 1.08;
