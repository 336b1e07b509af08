// The expected result of each glue/call.c kernel: its dialect version run
// under Node (rt's simulated RAM) on the same pattern bytes. The native runs
// of both variants must print exactly this, so Node and native agree.
import { allocBytes, freeBytes, store8 } from '@unishyper/rt';
import type { KernelSpec } from './kernels.js';
import { BUFFER_LEN, pattern } from './reference.js';
import { bitmap } from '../ts/bitmap.js';
import { closures } from '../ts/closures.js';
import { fsm } from '../ts/fsm.js';
import { hashtab } from '../ts/hashtab.js';
import { hdrparse } from '../ts/hdrparse.js';
import { iface } from '../ts/iface.js';
import { lru } from '../ts/lru.js';
import { pqueue } from '../ts/pqueue.js';
import { ringbuf } from '../ts/ringbuf.js';
import { sha256 } from '../ts/sha256.js';
import { strsearch } from '../ts/strsearch.js';
import { u64mix } from '../ts/u64mix.js';

type CallKernel = (buf: number, len: number, n: number) => number;

const CALL_KERNELS: Record<string, CallKernel> = {
  sha256,
  lru,
  hashtab,
  hdrparse,
  ringbuf,
  bitmap,
  pqueue,
  strsearch,
  fsm,
  closures,
  iface,
  u64mix,
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
