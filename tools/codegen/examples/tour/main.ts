// A tour of the kernel dialect: run it with `pnpm demo` (natively, under
// qemu-aarch64) or `npx tsx tools/codegen/test/harness/node-main.ts
// tools/codegen/examples/tour/main.ts` (under Node). Both print the same.
import { FixedArray, Vec, hex, kprint, mulu32, u32, u8 } from '@unishyper/rt';

/** Devices behind one interface: two implementations, so calls dispatch on the class id. */
interface Device {
  name(): string;
  irq(): number;
}

class Uart implements Device {
  constructor(private readonly base: number) {}
  name(): string {
    return 'pl011';
  }
  irq(): number {
    return 33 + (this.base & 0xf);
  }
}

class Timer implements Device {
  name(): string {
    return 'generic-timer';
  }
  irq(): number {
    return 27;
  }
}

/** A generic function, monomorphised per element type. */
function sum<T>(xs: Vec<T>, value: (x: T) => number): number {
  let total = 0;
  for (let i = 0; i < xs.len(); i++) total += value(xs.get(i));
  return total;
}

/** FNV-1a over bytes, with explicit 32-bit wrapping. */
function fnv1a(bytes: FixedArray<number>): number {
  let h = u32(0x811c9dc5);
  for (let i = 0; i < bytes.length; i++) h = mulu32(h ^ u8(bytes.get(i)), 0x01000193);
  return h;
}

export function main(): number {
  kprint`Unishyper kernel dialect tour\n`;
  const devices = new Vec<Device>(new Timer());
  devices.push(new Uart(0x0900_0000));
  devices.push(new Timer());
  for (let i = 0; i < devices.len(); i++) {
    const d = devices.get(i);
    kprint`  device ${i}: ${d.name()} irq ${d.irq()}\n`;
  }
  kprint`  irq sum = ${sum(devices, (d) => d.irq())}\n`;
  const bytes = new FixedArray<number>(16, 0);
  for (let i = 0; i < bytes.length; i++) bytes.set(i, i * 7);
  kprint`  fnv1a = ${hex(fnv1a(bytes))}\n`;
  kprint`  -7 % 3 = ${-7 % 3}, -1 >>> 28 = ${-1 >>> 28}, u32(2**32 + 5) = ${u32(4294967296 + 5)}\n`;
  return 0;
}
