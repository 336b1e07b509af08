// unilib over the hypervisor call (HVC 0x12), against a simulated hypervisor
// that serves every event from a real directory, directories included
// (sim/hvc-host.ts): what board-shyper's kernel does under a hypervisor
// that can list and make directories, which the EL2 stub (semihosting) cannot.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { release, StrBuf } from '@unishyper/rt';
import { resetMachine } from '@unishyper/rt/sim';
import { installFirmware, type SimFirmware } from '@unishyper/hal-aarch64/sim';
import { DirEntry, Errno, OpenFlags, RamFs, readFile, Stat, Vfs, writeFile } from '@unishyper/vfs';
import { initScheduler, resetScheduler } from '@unishyper/sched';
import { HvcConduit, mountUnilibAt, NodeInfo, UnilibEvent } from '.';
import { SimUnilibHypervisor } from './sim';

const none: SimFirmware = { call: () => 0n as never, semihost: () => -1 };
let dir: string;
let hyp: SimUnilibHypervisor;
let restore: () => void;
let vfs: Vfs;

function boot(served: string | null): number {
  hyp = new SimUnilibHypervisor(served);
  restore = installFirmware(hyp.firmware(none));
  vfs = new Vfs(new RamFs(1 << 16), 16, 4);
  return mountUnilibAt(vfs, new HvcConduit(), '/unilibfs');
}

/** The entries of the directory at `p`, as "name kind size", through vfs readdir. */
function list(p: string): string[] {
  const fd = vfs.opendir(p);
  expect(fd).toBeGreaterThanOrEqual(0);
  const e = new DirEntry();
  const out: string[] = [];
  for (let r = vfs.readdir(fd, e); r > 0; r = vfs.readdir(fd, e)) out.push(`${e.name.toString()} ${e.type} ${e.size}`);
  e[Symbol.dispose]();
  release(e);
  expect(vfs.close(fd)).toBe(0);
  return out;
}

beforeEach(() => {
  resetMachine();
  resetScheduler(); // the locks need a current thread
  initScheduler();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilib-hvc-'));
});

afterEach(() => {
  restore?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('unilib over HVC 0x12, on a real host directory', () => {
  it('keeps the original\'s events for files: INIT, OPEN, LSEEK, WRITE, READ, CLOSE, STAT', () => {
    expect(boot(dir)).toBe(0);
    expect(hyp.events[0]).toBe(UnilibEvent.Init);
    expect(writeFile(vfs, '/unilibfs/a.txt', 'over the hypervisor\n')).toBe(20);
    expect(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('over the hypervisor\n');
    const out = new StrBuf(64);
    expect(readFile(vfs, '/unilibfs/a.txt', out)).toBe(20);
    expect(out.toString()).toBe('over the hypervisor\n');
    const seen = new Set(hyp.events);
    for (const e of [UnilibEvent.Open, UnilibEvent.Lseek, UnilibEvent.Write, UnilibEvent.Read, UnilibEvent.Close, UnilibEvent.Stat]) expect(seen.has(e), String(e)).toBe(true);
    expect(hyp.openCount()).toBe(0);
  });

  it('stat is one hypervisor call; opening a file, three (STAT, OPEN, and FLEN for the vfs\'s fstat)', () => {
    expect(boot(dir)).toBe(0);
    fs.writeFileSync(path.join(dir, 'f'), 'twelve bytes');
    const st = new Stat();
    const from = hyp.events.length;
    expect(vfs.stat('/unilibfs/f', st)).toBe(0);
    expect([st.type, st.size]).toEqual([1, 12]);
    expect(hyp.events.slice(from)).toEqual([UnilibEvent.Stat]);
    const at = hyp.events.length;
    const fd = vfs.open('/unilibfs/f', OpenFlags.Read);
    expect(hyp.events.slice(at)).toEqual([UnilibEvent.Stat, UnilibEvent.Open, UnilibEvent.Flen]);
    vfs.close(fd);
  });

  it('lists, makes, renames and removes directories (READDIR, MKDIR, RENAME, RMDIR)', () => {
    expect(boot(dir)).toBe(0);
    fs.writeFileSync(path.join(dir, 'host.bin'), Buffer.alloc(1234));
    expect(vfs.mkdir('/unilibfs/logs')).toBe(0);
    expect(fs.statSync(path.join(dir, 'logs')).isDirectory()).toBe(true);
    expect(vfs.mkdir('/unilibfs/logs')).toBe(-Errno.EEXIST);
    expect(writeFile(vfs, '/unilibfs/logs/boot.log', 'up\n')).toBe(3);
    expect(list('/unilibfs')).toEqual(['host.bin 1 1234', 'logs 2 0']);
    expect(list('/unilibfs/logs')).toEqual(['boot.log 1 3']);
    const st = new Stat();
    expect(vfs.stat('/unilibfs/logs', st)).toBe(0);
    expect(st.type).toBe(2);
    expect(vfs.rmdir('/unilibfs/logs')).toBe(-Errno.ENOTEMPTY);
    expect(vfs.rename('/unilibfs/logs', '/unilibfs/old-logs')).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'old-logs', 'boot.log'), 'utf8')).toBe('up\n');
    expect(vfs.unlink('/unilibfs/old-logs/boot.log')).toBe(0);
    expect(vfs.rmdir('/unilibfs/old-logs')).toBe(0);
    expect(list('/unilibfs')).toEqual(['host.bin 1 1234']);
    expect(vfs.rmdir('/unilibfs/host.bin')).toBe(-Errno.ENOTDIR);
    expect(vfs.mkdir('/unilibfs/no/such')).toBe(-Errno.ENOENT);
    expect(hyp.openCount()).toBe(0);
  });

  it('READDIR walks entries by index: the host\'s longest name, then the end; a missing directory is ENOENT', () => {
    expect(boot(dir)).toBe(0);
    fs.writeFileSync(path.join(dir, 'x'.repeat(255)), ''); // the host's longest name fits the guest's 1 KiB
    expect(list('/unilibfs')).toEqual([`${'x'.repeat(255)} 1 0`]);
    const c = new HvcConduit();
    const e = new DirEntry();
    expect(c.readdir('', 0, e)).toBe(1);
    expect(c.readdir('', 1, e)).toBe(0);
    expect(c.readdir('nothing-here', 0, e)).toBe(-Errno.ENOENT);
    e[Symbol.dispose]();
    release(e);
  });

  it('the hypervisor refuses paths that leave the served directory, whoever sends them', () => {
    expect(boot(dir)).toBe(0);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'unilib-outside-'));
    fs.writeFileSync(path.join(outside, 'secret'), 'no');
    fs.symlinkSync(outside, path.join(dir, 'link'));
    const c = new HvcConduit(); // straight to the hypervisor, past the file system's own check
    const info = new NodeInfo();
    for (const bad of ['../x', '/etc/passwd', 'a//b', './a', 'link/secret']) expect(c.stat(bad, info), bad).toBe(-Errno.EPERM);
    release(info);
    expect(c.open('link/secret', 0)).toBe(-Errno.EPERM);
    expect(c.mkdir('link/new')).toBe(-Errno.EPERM);
    expect(c.rename('link/secret', 'mine')).toBe(-Errno.EPERM);
    const e = new DirEntry();
    expect(c.readdir('link', 0, e)).toBe(-Errno.EPERM);
    e[Symbol.dispose]();
    release(e);
    expect(c.rmdir('')).toBe(-Errno.EBUSY);
    expect(fs.readFileSync(path.join(outside, 'secret'), 'utf8')).toBe('no');
    expect(fs.existsSync(path.join(outside, 'new'))).toBe(false);
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('without a served directory the mount fails with ENODEV', () => {
    expect(boot(null)).toBe(-Errno.ENODEV);
  });
});
