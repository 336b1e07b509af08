// virtio-blk under Node against the virtio-mmio device model (sim/): the
// handshake, reads and writes byte-exact, limits split into segments and
// requests, read-only devices, flush, requests completing out of order,
// DEVICE_NEEDS_RESET, a device that stops answering, a legacy device.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocBytes, freeBytes } from '@unishyper/rt';
import { captureConsole, heapStats, readMemory, writeMemory } from '@unishyper/rt/sim';
import { irqCount } from '@unishyper/hal-aarch64';
import { resetHal, type SimCpu, type SimGicV2 } from '@unishyper/hal-aarch64/sim';
import { VirtioBlk } from './blk';
import { Status } from './mmio-registers';
import { SimBlkDevice, simMachine, type BlkDeviceOptions } from './sim';

const BASE = 0x0a00_3e00;
const IRQ = 79;

let cpu: SimCpu;
let gic: SimGicV2;

beforeEach(() => {
  ({ gic, cpu } = simMachine());
});

afterEach(() => resetHal());

function pattern(bytes: number, seed: number): Uint8Array {
  const a = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) a[i] = (i * 31 + seed * 7 + (i >> 9)) & 0xff;
  return a;
}

function attach(options: BlkDeviceOptions = {}): { dev: SimBlkDevice; blk: VirtioBlk } {
  const dev = new SimBlkDevice(options);
  dev.mmio.map(BASE);
  gic.connectLine(IRQ, () => dev.mmio.irqLevel());
  const blk = new VirtioBlk(BASE, 0x200, IRQ);
  return { dev, blk };
}

describe('virtio-blk: bring-up', () => {
  it('negotiates VERSION_1, RO, FLUSH and BLK_SIZE, reads the capacity, sets DRIVER_OK', () => {
    const { dev, blk } = attach({ disk: new Uint8Array(8 << 20) });
    expect(blk.init()).toBe(0);
    expect(dev.mmio.status).toBe(Status.Acknowledge | Status.Driver | Status.FeaturesOk | Status.DriverOk);
    expect(dev.mmio.driverFeatures).toBe((1n << 32n) | (1n << 9n) | (1n << 6n));
    expect(blk.blockSize()).toBe(512);
    expect(blk.blockCount()).toBe(16384);
    expect(blk.readOnly()).toBe(false);
    expect(dev.mmio.errors).toEqual([]);
  });

  it('refuses a legacy device and says which QEMU option makes it modern', () => {
    const { blk } = attach({ legacy: true });
    const out = captureConsole(() => expect(blk.init()).toBe(-5));
    expect(out).toBe('virtio-mmio@0xa003e00: device 2 is a legacy (version 1) device, which this kernel does not drive; start QEMU with -global virtio-mmio.force-legacy=false\n');
  });

  it('refuses a slot that holds no block device', () => {
    const blk = new VirtioBlk(BASE, 0x200, IRQ);
    const dev = new SimBlkDevice();
    (dev as { deviceId: number }).deviceId = 1;
    dev.mmio.map(BASE);
    const out = captureConsole(() => expect(blk.init()).toBe(-5));
    expect(out).toContain('holds device 1, not a block device');
  });
});

describe('virtio-blk: reads and writes', () => {
  it('writes and reads back byte-exact at several offsets and sizes, interrupt-driven', () => {
    const { dev, blk } = attach();
    expect(blk.init()).toBe(0);
    const buf = allocBytes(64 * 1024, 16);
    for (const [block, count] of [[0, 1], [1, 7], [100, 128], [2047, 1]] as const) {
      const data = pattern(count * 512, block);
      writeMemory(buf, data);
      expect(blk.write(block, count, buf)).toBe(0);
      expect(dev.disk.subarray(block * 512, (block + count) * 512)).toEqual(data);
      writeMemory(buf, new Uint8Array(count * 512));
      expect(blk.read(block, count, buf)).toBe(0);
      expect(readMemory(buf, count * 512)).toEqual(data);
    }
    expect(blk.completed).toBe(8);
    expect(irqCount(IRQ)).toBe(8);
    expect(dev.mmio.errors).toEqual([]);
    expect(dev.errors).toEqual([]);
    freeBytes(buf);
  });

  it('rejects ranges outside the disk and zero counts with EINVAL, without a request', () => {
    const { dev, blk } = attach();
    expect(blk.init()).toBe(0);
    const buf = allocBytes(1024, 16);
    expect(blk.read(2047, 2, buf)).toBe(-22);
    expect(blk.read(-1, 1, buf)).toBe(-22);
    expect(blk.read(0, 0, buf)).toBe(-22);
    expect(blk.write(0, 1, 0)).toBe(-22);
    expect(dev.log).toEqual([]);
    freeBytes(buf);
  });

  it('splits a transfer by SIZE_MAX into segments and by SEG_MAX into requests', () => {
    const { dev, blk } = attach({ sizeMax: 4096, segMax: 3 });
    expect(blk.init()).toBe(0);
    const buf = allocBytes(64 * 1024, 16);
    const data = pattern(40 * 512, 3);
    writeMemory(buf, data);
    expect(blk.write(10, 40, buf)).toBe(0);
    // 3 segments of 4 KiB = 24 sectors per request: 24 + 16.
    expect(dev.log.map((r) => [r.sector, r.bytes, r.segments])).toEqual([[10, 12288, 3], [34, 8192, 2]]);
    writeMemory(buf, new Uint8Array(40 * 512));
    expect(blk.read(10, 40, buf)).toBe(0);
    expect(readMemory(buf, 40 * 512)).toEqual(data);
    expect(dev.errors).toEqual([]);
    freeBytes(buf);
  });

  it('refuses writes to a read-only device with EROFS and still reads it', () => {
    const disk = pattern(1 << 20, 9);
    const { dev, blk } = attach({ disk, readOnly: true });
    expect(blk.init()).toBe(0);
    expect(blk.readOnly()).toBe(true);
    const buf = allocBytes(512, 16);
    expect(blk.write(0, 1, buf)).toBe(-30);
    expect(blk.read(5, 1, buf)).toBe(0);
    expect(readMemory(buf, 512)).toEqual(disk.subarray(2560, 3072));
    expect(dev.log.length).toBe(1);
    freeBytes(buf);
  });

  it('flush sends VIRTIO_BLK_T_FLUSH when offered and is a no-op without it', () => {
    const a = attach();
    expect(a.blk.init()).toBe(0);
    expect(a.blk.flush()).toBe(0);
    expect(a.dev.flushes).toBe(1);
  });
});

describe('virtio-blk: several requests in flight', () => {
  it('requests completed out of order each get their own data and status', () => {
    const { dev, blk } = attach({ mode: 'held' });
    expect(blk.init()).toBe(0);
    const disk = dev.disk;
    for (let s = 0; s < 8; s++) disk.set(pattern(512, 100 + s), s * 512);
    const bufs = [0, 1, 2, 3].map(() => allocBytes(1024, 16));
    // Four requests published before any completes, as four threads would.
    const slots = bufs.map((b, i) => blk.submit(0, i * 2, b, 1024));
    expect(new Set(slots).size).toBe(4);
    expect(dev.held.length).toBe(4);
    dev.completeHeld([2, 0, 3, 1]);
    cpu.poll();
    // Waited for in yet another order.
    for (const i of [3, 1, 0, 2]) expect(blk.finish(slots[i]!)).toBe(0);
    bufs.forEach((b, i) => {
      expect(readMemory(b, 512)).toEqual(pattern(512, 100 + 2 * i));
      expect(readMemory(b + 512, 512)).toEqual(pattern(512, 101 + 2 * i));
      freeBytes(b);
    });
    expect(dev.mmio.errors).toEqual([]);
  });

  it('every slot can be in flight at once, and slots are reused', () => {
    const { dev, blk } = attach({ mode: 'held' });
    expect(blk.init()).toBe(0);
    const n = blk.slotCount();
    expect(n).toBe(32);
    const buf = allocBytes(512 * n, 16);
    for (let round = 0; round < 3; round++) {
      const slots: number[] = [];
      for (let i = 0; i < n; i++) slots.push(blk.submit(1, i, buf + 512 * i, 512));
      dev.completeHeld();
      cpu.poll();
      for (const s of slots) expect(blk.finish(s)).toBe(0);
    }
    expect(blk.completed).toBe(3 * n);
    expect(dev.mmio.errors).toEqual([]);
    freeBytes(buf);
  });
});

describe('virtio-blk: a device that fails', () => {
  it('DEVICE_NEEDS_RESET fails the requests in flight and every later one with EIO, after a reset', () => {
    const { dev, blk } = attach({ mode: 'held' });
    expect(blk.init()).toBe(0);
    const buf = allocBytes(512, 16);
    const s = blk.submit(0, 0, buf, 512);
    const out = captureConsole(() => {
      dev.mmio.needReset();
      cpu.poll();
    });
    expect(out).toBe('virtio-blk@0xa003e00: the device needs a reset; it fails from now on\n');
    expect(blk.finish(s)).toBe(-5);
    expect(dev.mmio.status).toBe(0); // reset: it holds none of our buffers any more
    expect(blk.read(0, 1, buf)).toBe(-5);
    expect(blk.hasFailed()).toBe(true);
    freeBytes(buf);
  });

  it('a device that stops answering gives EIO after the timeout, never a hang', () => {
    const { dev, blk } = attach();
    expect(blk.init()).toBe(0);
    blk.setRequestTimeoutMs(0); // Node has one thread: a wait that would block times out at once
    const buf = allocBytes(512, 16);
    dev.mmio.stopped = true;
    const out = captureConsole(() => expect(blk.read(0, 1, buf)).toBe(-5));
    expect(out).toBe('virtio-blk@0xa003e00: no answer within 0 ms; resetting the device, which fails from now on\n');
    expect(dev.mmio.status).toBe(0);
    freeBytes(buf);
  });

  it('a lost interrupt is made good at the timeout from the used ring', () => {
    const { dev, blk } = attach();
    expect(blk.init()).toBe(0);
    blk.setRequestTimeoutMs(0);
    gic.connectLine(IRQ, () => false); // the line never rises
    const buf = allocBytes(512, 16);
    dev.disk.set(pattern(512, 5), 0);
    expect(blk.read(0, 1, buf)).toBe(0);
    expect(readMemory(buf, 512)).toEqual(pattern(512, 5));
    expect(blk.hasFailed()).toBe(false);
    freeBytes(buf);
  });

  it('a used entry for a descriptor the device did not hold resets the device', () => {
    const { dev, blk } = attach({ mode: 'held' });
    expect(blk.init()).toBe(0);
    const buf = allocBytes(512, 16);
    const s = blk.submit(0, 0, buf, 512);
    const forged = { ...dev.held[0]!, head: 77 };
    const out = captureConsole(() => {
      dev.mmio.complete(forged, 1);
      cpu.poll();
    });
    expect(out).toContain('the device returned descriptor 77, which it did not hold; resetting it');
    expect(blk.finish(s)).toBe(-5);
    freeBytes(buf);
  });
});

describe('virtio-blk: no leaks', () => {
  it('the request path allocates nothing', () => {
    const { blk } = attach();
    expect(blk.init()).toBe(0);
    const buf = allocBytes(4096, 16);
    expect(blk.write(0, 8, buf)).toBe(0);
    const before = expectNoLeaksSnapshot();
    for (let i = 0; i < 50; i++) {
      expect(blk.write(i, 8, buf)).toBe(0);
      expect(blk.read(i, 8, buf)).toBe(0);
    }
    expect(expectNoLeaksSnapshot()).toEqual(before);
    freeBytes(buf);
  });
});

/** Allocations made so far and still live: the request path must change neither. */
function expectNoLeaksSnapshot(): { total: number; live: number } {
  const h = heapStats();
  return { total: h.totalAllocations, live: h.liveAllocations };
}
