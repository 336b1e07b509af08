import { describe, expect, it } from 'vitest';
import { linuxQemuArgs } from '../src/qemu-line.js';

const after = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('the Linux baseline QEMU command line', () => {
  const args = linuxQemuArgs({ kernel: '/c/vmlinuz', initrd: '/c/init.cpio.gz', disk: '/tmp/d.img', smp: 2, memMiB: 256 });

  it('is the unikernel benchmarks\' machine: virt, cortex-a53, same -smp and -m', () => {
    expect(after(args, '-M')).toBe('virt');
    expect(after(args, '-cpu')).toBe('cortex-a53');
    expect(after(args, '-smp')).toBe('2');
    expect(after(args, '-m')).toBe('256M');
    expect(args).toContain('/c/vmlinuz');
    expect(after(args, '-initrd')).toBe('/c/init.cpio.gz');
  });

  it('has no default NIC and no network device of any kind', () => {
    expect(after(args, '-nic')).toBe('none');
    expect(args.filter((a) => a === '-nic' || a === '-net' || a === '-netdev')).toEqual(['-nic']);
    expect(args.some((a) => /virtio-net|e1000/.test(a))).toBe(false);
  });

  it('counts instructions with -icount shift=4 and sleeps while idle', () => {
    expect(after(args, '-icount')).toBe('shift=4,align=off,sleep=on');
  });

  it('attaches the disk as a modern virtio-mmio block device', () => {
    expect(after(args, '-drive')).toBe('file=/tmp/d.img,if=none,format=raw,id=d0');
    expect(after(args, '-device')).toBe('virtio-blk-device,drive=d0');
    expect(after(args, '-global')).toBe('virtio-mmio.force-legacy=false');
  });

  it('boots quietly on the PL011 console and exits instead of rebooting', () => {
    expect(after(args, '-append')).toBe('console=ttyAMA0 quiet nokaslr panic=-1 rdinit=/init');
    expect(args).toContain('-no-reboot');
  });

  it('has no disk options when there is no disk', () => {
    const bare = linuxQemuArgs({ kernel: 'k', initrd: 'i', smp: 1, memMiB: 128 });
    expect(bare).not.toContain('-drive');
    expect(bare).not.toContain('-device');
  });
});
