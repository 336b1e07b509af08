/**
 * runtime/libc-mini.c (the memcpy, memmove, memset and memcmp that images
 * and Linux user-mode programs link) against byte-at-a-time references, on
 * the host and for AArch64 under qemu-aarch64, with gcc and clang: every size
 * to 300 at every alignment, overlapping moves both ways.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const LIBC = path.resolve(here, '../../runtime/libc-mini.c');
const CHECK = path.join(here, 'libc-mini-check.c');
const RENAME = ['-Dmemcpy=mini_memcpy', '-Dmemmove=mini_memmove', '-Dmemset=mini_memset', '-Dmemcmp=mini_memcmp'];
const FLAGS = ['-O2', '-fwrapv', '-fno-strict-aliasing'];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'libc-mini-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Compiles libc-mini.c renamed (and freestanding, as images build it) plus the checker; returns the program. */
function build(name: string, cc: string[], run: string[] = []): string[] {
  const lib = path.join(dir, `${name}-lib.o`);
  const exe = path.join(dir, name);
  execFileSync(cc[0]!, [...cc.slice(1), ...FLAGS, '-ffreestanding', ...(cc[0] === 'gcc' ? [] : ['-mgeneral-regs-only']), ...RENAME, '-c', LIBC, '-o', lib]);
  execFileSync(cc[0]!, [...cc.slice(1), ...FLAGS, CHECK, lib, '-o', exe, ...(run.length ? ['-static'] : [])]);
  return [...run, exe];
}

describe('libc-mini memory functions', () => {
  const builds: [string, string[], string[]][] = [
    ['host gcc', ['gcc'], []],
    ['aarch64 gcc', ['aarch64-linux-gnu-gcc', '-mno-outline-atomics'], ['qemu-aarch64', '-L', '/usr/aarch64-linux-gnu']],
    ['aarch64 clang', ['clang', '--target=aarch64-linux-gnu', '-fuse-ld=lld', '-mno-outline-atomics'], ['qemu-aarch64', '-L', '/usr/aarch64-linux-gnu']],
  ];
  for (const [name, cc, run] of builds) {
    it(`${name}: every size and alignment matches the byte-at-a-time reference`, () => {
      const [cmd, ...args] = build(name.replace(' ', '-'), cc, run);
      expect(execFileSync(cmd!, args, { encoding: 'utf8' })).toBe('ok\n');
    }, 120_000);
  }
});
