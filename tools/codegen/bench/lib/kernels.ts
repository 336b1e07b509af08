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
];

export const KERNELS: readonly KernelSpec[] = [
  spec('checksum', 'RFC 1071 Internet checksum, 64 KiB', 'inetChecksum'),
  spec('crc32', 'CRC-32 IEEE, 256-entry table, 64 KiB', 'crc32'),
  spec('fatwalk', 'FAT32 chain walk, 60000 of 65536 entries', 'fatWalk'),
  ...CALL_KERNELS,
];

/** Dialect/C instruction ratio the compiler must stay within. */
export const TARGET_RATIO = 1.15;
