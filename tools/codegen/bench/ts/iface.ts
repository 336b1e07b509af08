/**
 * Interface dispatch with two implementations, as fatfs reads through a
 * BlockDevice: 16 devices, half RAM disks and half striped disks, each read
 * a block at a time through the interface. Returns a digest of the reads.
 */
import { FixedArray, load32, release } from '@unishyper/rt';

interface BlockDevice {
  blocks(): number;
  read(block: number): number;
}

class RamDisk implements BlockDevice {
  constructor(
    private readonly base: number,
    private readonly count: number,
  ) {}
  blocks(): number {
    return this.count;
  }
  read(block: number): number {
    return load32(this.base + block * 64);
  }
}

class StripedDisk implements BlockDevice {
  constructor(
    private readonly a: number,
    private readonly b: number,
    private readonly count: number,
  ) {}
  blocks(): number {
    return this.count;
  }
  read(block: number): number {
    const base = (block & 1) === 0 ? this.a : this.b;
    return (load32(base + (block >>> 1) * 64) ^ 0x5a5a5a5a) >>> 0;
  }
}

function checksum(dev: BlockDevice): number {
  let sum = 0;
  const n = dev.blocks();
  for (let i = 0; i < n; i++) sum = (sum + dev.read(i)) % 0x100000000;
  return sum;
}

export function iface(buf: number, len: number, n: number): number {
  const devs = new FixedArray<BlockDevice | null>(16, null);
  for (let i = 0; i < 16; i++) {
    const base = buf + i * 4096;
    devs.set(i, (i & 1) === 0 ? new RamDisk(base, 64) : new StripedDisk(base, base + 2048, 64));
  }
  let digest = 0;
  for (let round = 0; round < n; round++) {
    for (let i = 0; i < 16; i++) digest = (digest * 7 + checksum(devs.get((i + round) & 15)!)) % 0x100000000;
  }
  for (let i = 0; i < 16; i++) release(devs.get(i)!);
  release(devs);
  return digest;
}
