import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCpio, writeCpio, type CpioEntry } from '../src/cpio.js';

const entries: CpioEntry[] = [
  { type: 'dir', path: 'bin' },
  { type: 'dir', path: 'dev' },
  { type: 'char', path: 'dev/console', major: 5, minor: 1 },
  { type: 'file', path: 'bin/busybox', data: Buffer.from('\x7fELF...binary'), mode: 0o755 },
  { type: 'symlink', path: 'bin/sh', target: 'busybox' },
  { type: 'file', path: 'init', data: Buffer.from('#!/bin/busybox sh\necho hi\n'), mode: 0o755 },
  { type: 'file', path: 'empty', data: Buffer.alloc(0) },
  // Name and data lengths of every residue mod 4, to exercise the padding.
  ...[1, 2, 3, 4, 5].map((n): CpioEntry => ({ type: 'file', path: 'x'.repeat(n), data: Buffer.alloc(n, n) })),
];

describe('newc cpio writer', () => {
  const archive = writeCpio(entries);

  it('writes the exact newc header the kernel expects', () => {
    // First entry: "bin", a directory, inode 1, mode 040755, nlink 2, name size 4 (with NUL).
    const h = archive.toString('ascii', 0, 110);
    expect(h).toBe('070701' + ['00000001', '000041ed', '00000000', '00000000', '00000002', '00000000', '00000000', '00000000', '00000000', '00000000', '00000000', '00000004', '00000000'].join(''));
    expect(archive.toString('ascii', 110, 114)).toBe('bin\0');
    // 110 + 4 = 114, padded to 116: the next header starts 4-aligned.
    expect(archive.toString('ascii', 116, 122)).toBe('070701');
    expect(archive.length % 4).toBe(0);
    expect(archive.includes(Buffer.from('TRAILER!!!\0'))).toBe(true);
  });

  it('reads back every entry with its type, mode, device numbers and data', () => {
    const back = readCpio(archive);
    expect(back.map((r) => r.name)).toEqual(entries.map((e) => e.path));
    const by = new Map(back.map((r) => [r.name, r]));
    expect(by.get('dev/console')).toMatchObject({ mode: 0o020600, rdevMajor: 5, rdevMinor: 1 });
    expect(by.get('bin/sh')!.mode).toBe(0o120777);
    expect(by.get('bin/sh')!.data.toString()).toBe('busybox');
    expect(by.get('bin/busybox')!.mode).toBe(0o100755);
    expect(by.get('init')!.data.toString()).toContain('echo hi');
    for (const n of [1, 2, 3, 4, 5]) expect(by.get('x'.repeat(n))!.data).toEqual(Buffer.alloc(n, n));
    expect(new Set(back.map((r) => r.ino)).size).toBe(back.length);
  });

  it('is reproducible (no timestamps)', () => {
    expect(writeCpio(entries).equals(archive)).toBe(true);
  });

  it('refuses paths the kernel would mis-unpack', () => {
    expect(() => writeCpio([{ type: 'dir', path: '../etc' }])).toThrow(/bad cpio path/);
    expect(() => writeCpio([{ type: 'dir', path: 'a' }, { type: 'dir', path: '/a/' }])).toThrow(/duplicate/);
  });

  it('a truncated archive is an error, not a short list', () => {
    expect(() => readCpio(archive.subarray(0, 200))).toThrow(/truncated/);
  });

  // GNU cpio comes with scripts/setup.sh; bsdtar works too where it is installed.
  const tool = ['bsdtar', 'cpio'].find((t) => spawnSync(t, ['--version']).status === 0) ?? 'cpio';
  it(`${tool} extracts it`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpio-test-'));
    try {
      const plain = writeCpio(entries.filter((e) => e.type !== 'char'));
      const args = tool === 'bsdtar' ? ['-xf', '-'] : ['-id', '--quiet'];
      const r = spawnSync(tool!, args, { cwd: dir, input: plain });
      expect(r.status, r.stderr.toString()).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'init'), 'utf8')).toContain('echo hi');
      expect(fs.readlinkSync(path.join(dir, 'bin/sh'))).toBe('busybox');
      expect(fs.statSync(path.join(dir, 'bin/busybox')).mode & 0o777).toBe(0o755);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
