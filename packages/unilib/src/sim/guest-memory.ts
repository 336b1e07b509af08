// @node-only: 64-bit little-endian fields of guest memory, as the simulated
// hosts read their argument blocks and write their answers.
import { readMemory, writeMemory } from '@unishyper/rt/sim';

export function u64At(addr: number): number {
  return Number(new DataView(readMemory(addr, 8).buffer).getBigUint64(0, true));
}

export function putU64(addr: number, v: number): void {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(v), true);
  writeMemory(addr, b);
}
