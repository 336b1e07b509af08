/**
 * The package's dialect code, natively: test/native/main.ts (random
 * workloads on the heap, the frame allocator and the kernel heap, ending in a
 * deliberate double free) is lowered by @unishyper/codegen, compiled with gcc
 * and clang for AArch64 (run under qemu-aarch64) and for the host with
 * ASan/UBSan, and must print exactly what it prints under Node. Only the
 * absolute address in the final panic differs (the ranges come from each
 * world's own heap), so it is masked.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProgram, compileToC, runNative } from '@unishyper/codegen';
import { missingTools, NATIVE_BUILDS, normalizeOutput, runInNode, type RunResult } from '@unishyper/codegen/testing';
import { beforeAll, describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./native/main.ts', import.meta.url));
const outRoot = path.join(os.tmpdir(), `unishyper-mm-native-${process.pid}`);

function comparable(stdout: string): string {
  return normalizeOutput(stdout)
    .split('\n')
    .map((line) => (line.startsWith('panic: ') ? line.replace(/0x[0-9a-f]+/g, '0x<addr>') : line))
    .join('\n')
    .trimEnd();
}

describe('mm natively agrees with Node', () => {
  let node: RunResult;

  beforeAll(async () => {
    node = await runInNode(entry, { timeoutMs: 120_000 });
  }, 180_000);

  it('runs under Node to the deliberate double free', () => {
    expect(node.stderr).toBe('');
    expect(node.exitCode).toBe(101);
    const out = comparable(node.stdout);
    expect(out).toContain('heap drained: total 192512 used 0 free 192512 largest 192496 live 0');
    expect(out).toMatch(/step 12000: blocks \d+ failures [1-9]\d* hash \d+/);
    expect(out).toContain('frame blocks: 13, largest 256');
    expect(out).toContain('kernel heap empty: total 61440 used 0 free 61440 largest 61424 live 0 allocs 3 frees 3 free-blocks 1');
    expect(out.endsWith('freeing 4112 twice\npanic: double free of 0x<addr>')).toBe(true);
  });

  it('is inside the dialect (lowers to C; needs no C compiler)', () => {
    const { c } = compileToC({ entry });
    expect(c).toContain('#include "dialect.h"');
  });

  for (const b of NATIVE_BUILDS) {
    const missing = missingTools(b);
    it.skipIf(missing.length > 0)(`${b.name}${missing.length ? ` (skipped: no ${missing.join(', ')})` : ''}`, async () => {
      const { elf } = await buildProgram({ entry, outDir: path.join(outRoot, `${b.target}-${b.cc}`), cc: b.cc, target: b.target });
      const r = await runNative(elf, 120_000);
      expect(comparable(r.stdout)).toBe(comparable(node.stdout));
      expect(r.exitCode, r.stderr).toBe(101);
    });
  }
});
