import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocBytes, StrBuf } from '@unishyper/rt';
import { readMemory, resetMachine, writeMemory } from '@unishyper/rt/sim';
import { installFirmware, type SimFirmware } from '@unishyper/hal-aarch64/sim';
import { Errno, OpenFlags, RamFs, readFile, Seek, Stat, Vfs, writeFile } from '@unishyper/vfs';
import { initScheduler, resetScheduler } from '@unishyper/sched';
import { checkUnilibPath, mountUnilibAt, SemihostingConduit } from '.';
import { SimSemihostHost } from './sim';

const none: SimFirmware = { call: () => 0n as never, semihost: () => -1 };
let dir: string;
let host: SimSemihostHost;
let restore: () => void;
let vfs: Vfs;

function boot(cmdline: string): number {
  host = new SimSemihostHost(cmdline);
  restore = installFirmware(host.firmware(none));
  vfs = new Vfs(new RamFs(1 << 16), 16, 4);
  return mountUnilibAt(vfs, new SemihostingConduit(), '/unilibfs');
}

beforeEach(() => {
  resetMachine();
  resetScheduler(); // the locks need a current thread
  initScheduler();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilib-'));
});

afterEach(() => {
  restore?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('unilib over semihosting, on a real host directory', () => {
  it('writes files the host sees, and reads the host\'s', () => {
    expect(boot(`unilibfs=${dir}`)).toBe(0);
    expect(writeFile(vfs, '/unilibfs/hello.txt', 'hello from the guest\n')).toBe(21);
    expect(fs.readFileSync(path.join(dir, 'hello.txt'), 'utf8')).toBe('hello from the guest\n');
    fs.writeFileSync(path.join(dir, 'host.txt'), 'from the host');
    const out = new StrBuf(64);
    expect(readFile(vfs, '/unilibfs/host.txt', out)).toBe(13);
    expect(out.toString()).toBe('from the host');
    const st = new Stat();
    expect(vfs.stat('/unilibfs/host.txt', st)).toBe(0);
    expect(st.size).toBe(13);
    expect(host.openCount()).toBe(0);
  });

  it('reads and writes at offsets (seek, append) like any vfs file', () => {
    expect(boot(`unilibfs=${dir}`)).toBe(0);
    fs.writeFileSync(path.join(dir, 'f.bin'), Buffer.from('0123456789'));
    const fd = vfs.open('/unilibfs/f.bin', OpenFlags.ReadWrite);
    expect(fd).toBeGreaterThanOrEqual(0);
    const buf = allocBytes(16, 8);
    expect(vfs.lseek(fd, 6, Seek.Set)).toBe(6);
    expect(vfs.read(fd, buf, 16)).toBe(4);
    expect(new TextDecoder().decode(readMemory(buf, 4))).toBe('6789');
    writeMemory(buf, new TextEncoder().encode('AB'));
    expect(vfs.lseek(fd, 2, Seek.Set)).toBe(2);
    expect(vfs.write(fd, buf, 2)).toBe(2);
    expect(vfs.close(fd)).toBe(0);
    const app = vfs.open('/unilibfs/f.bin', OpenFlags.Write | OpenFlags.Append);
    expect(vfs.write(app, buf, 2)).toBe(2);
    vfs.close(app);
    expect(fs.readFileSync(path.join(dir, 'f.bin'), 'utf8')).toBe('01AB456789AB');
  });

  it('opens with create, exclusive and truncate as POSIX says', () => {
    expect(boot(`unilibfs=${dir}`)).toBe(0);
    expect(vfs.open('/unilibfs/missing', OpenFlags.Read)).toBe(-Errno.ENOENT);
    const fd = vfs.open('/unilibfs/new', OpenFlags.Write | OpenFlags.Create | OpenFlags.Exclusive);
    expect(fd).toBeGreaterThanOrEqual(0);
    vfs.close(fd);
    expect(vfs.open('/unilibfs/new', OpenFlags.Write | OpenFlags.Create | OpenFlags.Exclusive)).toBe(-Errno.EEXIST);
    fs.writeFileSync(path.join(dir, 'new'), 'old contents');
    vfs.close(vfs.open('/unilibfs/new', OpenFlags.Write | OpenFlags.Truncate));
    expect(fs.readFileSync(path.join(dir, 'new'), 'utf8')).toBe('');
  });

  it('renames and unlinks on the host; host errors come back as errno values', () => {
    expect(boot(`unilibfs=${dir}`)).toBe(0);
    fs.writeFileSync(path.join(dir, 'a'), 'x');
    expect(vfs.rename('/unilibfs/a', '/unilibfs/b')).toBe(0);
    expect(fs.existsSync(path.join(dir, 'b'))).toBe(true);
    expect(vfs.unlink('/unilibfs/b')).toBe(0);
    expect(vfs.unlink('/unilibfs/b')).toBe(-Errno.ENOENT);
    fs.mkdirSync(path.join(dir, 'sub'));
    expect(vfs.unlink('/unilibfs/sub')).toBe(-Errno.EISDIR);
    expect(vfs.open('/unilibfs/sub', OpenFlags.Write)).toBe(-Errno.EISDIR);
    const st = new Stat();
    expect(vfs.stat('/unilibfs/sub', st)).toBe(0);
    expect(st.type).toBe(2);
    expect(vfs.open('/unilibfs/nodir/x', OpenFlags.Write | OpenFlags.Create)).toBe(-Errno.ENOENT);
    // What semihosting cannot do says so.
    expect(vfs.mkdir('/unilibfs/d')).toBe(-Errno.ENOSYS);
    const d = vfs.opendir('/unilibfs');
    expect(d).toBeGreaterThanOrEqual(0);
    vfs.close(d);
    expect(host.openCount()).toBe(0);
  });

  it('stat of a file is four semihosting calls: open, a one-byte read, its length, close', () => {
    expect(boot(`unilibfs=${dir}`)).toBe(0);
    fs.writeFileSync(path.join(dir, 'f'), 'twelve bytes');
    fs.mkdirSync(path.join(dir, 'd'));
    const st = new Stat();
    const from = host.ops.length;
    expect(vfs.stat('/unilibfs/f', st)).toBe(0);
    expect([st.type, st.size]).toEqual([1, 12]);
    expect(host.ops.slice(from)).toEqual([0x01, 0x06, 0x0c, 0x02]);
    expect(vfs.stat('/unilibfs/d', st)).toBe(0);
    expect([st.type, st.size]).toEqual([2, 0]);
    expect(vfs.stat('/unilibfs/none', st)).toBe(-Errno.ENOENT);
    expect(host.openCount()).toBe(0);
  });

  it('never lets a path leave the served directory', () => {
    expect(boot(`unilibfs=${dir}`)).toBe(0);
    fs.writeFileSync(path.join(path.dirname(dir), `outside-${path.basename(dir)}`), 'secret');
    // The vfs resolves ".." lexically: /unilibfs/.. is / (the RAM file system), never the host's parent.
    const out = new StrBuf(64);
    expect(readFile(vfs, `/unilibfs/../outside-${path.basename(dir)}`, out)).toBe(-Errno.ENOENT);
    const before = host.ops.length;
    expect(readFile(vfs, '/unilibfs/../../etc/passwd', out)).toBe(-Errno.ENOENT);
    expect(host.ops.length).toBe(before); // never reached the host
    // And the file system refuses such paths itself, whoever calls it.
    for (const bad of ['..', '../x', 'a/../../x', '/etc/passwd', 'a//b', 'a/', '.', 'a/./b']) expect(checkUnilibPath(bad), bad).toBe(-Errno.EPERM);
    for (const good of ['', 'a', 'a/b.txt', '...', '..a', 'a..']) expect(checkUnilibPath(good), good).toBe(0);
    fs.rmSync(path.join(path.dirname(dir), `outside-${path.basename(dir)}`));
  });

  it('without a served directory (no -semihosting-config arg) the mount fails with ENODEV', () => {
    expect(boot('/work/apps/x/build/x.elf')).toBe(-Errno.ENODEV); // QEMU's default: the kernel's file name
    restore();
    expect(boot('unilibfs=relative/dir')).toBe(-Errno.ENODEV);
  });
});
