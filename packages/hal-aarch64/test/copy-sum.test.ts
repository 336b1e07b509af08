/**
 * copyOnesSum16: under Node (memcpy, then rt's onesSum16) against a byte-wise
 * RFC 1071 sum; natively (native/copy-sum.c, its one-pass assembly loop)
 * against rt_onesSum16 and a copy at every alignment, compiled with the
 * image's flags and run under qemu-aarch64.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allocBytes, load8, store8 } from '@unishyper/rt';
import { resetMachine } from '@unishyper/rt/sim';
import { copyOnesSum16 } from '../src/index';

const here = path.dirname(fileURLToPath(import.meta.url));
const RT_NATIVE = path.join(here, '..', '..', 'rt', 'native');
const tool = (cmd: string) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;

function byteSum(addr: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i += 2) s += (load8(addr + i) << 8) + (i + 1 < n ? load8(addr + i + 1) : 0);
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return s;
}

describe('copyOnesSum16', () => {
  it('copies and sums under Node', () => {
    resetMachine({});
    const src = allocBytes(2048, 16);
    const dst = allocBytes(2048, 16);
    for (let i = 0; i < 2048; i++) store8(src + i, (i * 37 + 11) & 0xff);
    for (const [off, n] of [[0, 0], [1, 1], [3, 63], [0, 64], [5, 1460], [2, 1448], [7, 15]] as const) {
      const s = copyOnesSum16(dst + 1, src + off, n);
      const want = n === 0 ? 0 : byteSum(src + off, n);
      expect(s === want || (s === 0 && want === 0xffff) || (s === 0xffff && want === 0)).toBe(true);
      for (let i = 0; i < n; i++) expect(load8(dst + 1 + i)).toBe(load8(src + off + i));
    }
  });

  it.runIf(tool('aarch64-linux-gnu-gcc') && tool('qemu-aarch64'))('natively equals rt_onesSum16 and a copy at every alignment (qemu-aarch64)', () => {
    const exe = path.join(mkdtempSync(path.join(os.tmpdir(), 'copy-sum-')), 'copy-sum');
    const cc = spawnSync('aarch64-linux-gnu-gcc', [
      '-std=c11', '-O2', '-fwrapv', '-fno-strict-aliasing', '-Wall', '-Wextra', '-Werror', '-mno-outline-atomics', '-mgeneral-regs-only', '-static',
      '-I', RT_NATIVE, path.join(here, 'copy-sum-harness.c'), path.join(here, '..', 'native', 'copy-sum.c'), '-o', exe,
    ], { encoding: 'utf8' });
    expect(cc.stderr).toBe('');
    expect(cc.status).toBe(0);
    const r = spawnSync('qemu-aarch64', [exe], { encoding: 'utf8' });
    expect(r.stdout).toBe('102816 cases, 0 bad\n');
    expect(r.status).toBe(0);
  });
});
