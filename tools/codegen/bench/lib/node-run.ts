// The expected result of each glue/call.c kernel: its dialect version run
// under Node (rt's simulated RAM) on the same pattern bytes. The native runs
// of both variants must print exactly this, so Node and native agree.
import { allocBytes, freeBytes, store8 } from '@unishyper/rt';
import type { KernelSpec } from './kernels.js';
import { BUFFER_LEN, pattern } from './reference.js';
import { sha256 } from '../ts/sha256.js';

type CallKernel = (buf: number, len: number, n: number) => number;

const CALL_KERNELS: Record<string, CallKernel> = {
  sha256,
};

/** Runs kernel `k` under Node on the benchmark input; its result as the harness prints it (u64). */
export function nodeResult(k: KernelSpec): bigint {
  const fn = CALL_KERNELS[k.tsExport];
  if (!fn || !k.call) throw new Error(`no Node entry for kernel '${k.name}'`);
  const bytes = pattern(BUFFER_LEN);
  const buf = allocBytes(BUFFER_LEN, 64);
  try {
    bytes.forEach((b, i) => store8(buf + i, b));
    return BigInt.asUintN(64, BigInt(fn(buf, BUFFER_LEN, k.call.n)));
  } finally {
    freeBytes(buf);
  }
}
