// What /stats and the benchmark control report: the server's own counts
// beside the kernel's figures. Byte and request counters are bumped from
// connection threads on every core at once, so they are atomic adds on a
// small block of memory rather than plain fields.
import { allocBytes, atomicFetchAdd64, atomicLoad64, freeBytes, memset, num, u64 } from '@unishyper/rt';
import type { NetStack, Tcp } from '@unishyper/net';

/** The counters in the block, 8 bytes each. */
export const Counter = {
  /** Connections the data services (echo, HTTP, sink) accepted. */
  Accepted: 0,
  /** Bytes the data services read and wrote. */
  RxBytes: 1,
  TxBytes: 2,
  /** HTTP requests answered. */
  Requests: 3,
  EchoBytes: 4,
  SinkBytes: 5,
} as const;
const COUNTERS = 6;

export class ServerStats {
  private readonly block: number;
  /** Services bound and listening (main announces the server once all are). */
  listening = 0;
  constructor(
    readonly stack: NetStack,
    readonly tcp: Tcp,
  ) {
    this.block = allocBytes(COUNTERS * 8, 64);
    memset(this.block, 0, COUNTERS * 8);
  }

  add(counter: number, n: number): void {
    atomicFetchAdd64(this.block + counter * 8, u64(n));
  }

  get(counter: number): number {
    return num(atomicLoad64(this.block + counter * 8));
  }

  [Symbol.dispose](): void {
    freeBytes(this.block);
  }
}
