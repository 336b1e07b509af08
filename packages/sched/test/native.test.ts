/**
 * The package's dialect code, natively: test/native/main.ts (priorities and
 * round-robin, 1000 equal timer deadlines, mixed deadlines with removal, a
 * 4-core random workload with placement, pinning, exits and stealing, and a
 * ps snapshot) is lowered by @unishyper/codegen, compiled with gcc and clang
 * for AArch64 (run under qemu-aarch64) and for the host with ASan/UBSan, and
 * must print exactly what it prints under Node.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProgram, compileToC, runNative } from '@unishyper/codegen';
import { missingTools, NATIVE_BUILDS, normalizeOutput, runInNode, type RunResult } from '@unishyper/codegen/testing';
import { beforeAll, describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./native/main.ts', import.meta.url));
const outRoot = path.join(os.tmpdir(), `unishyper-sched-native-${process.pid}`);

describe('sched natively agrees with Node', () => {
  let node: RunResult;

  beforeAll(async () => {
    node = await runInNode(entry, { timeoutMs: 120_000 });
  }, 180_000);

  it('runs under Node', () => {
    expect(node.stderr).toBe('');
    expect(node.exitCode).toBe(0);
    const out = normalizeOutput(node.stdout);
    expect(out).toContain('order 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0\n');
    expect(out).toContain('round-robin 200 201 202 200 201 202 200 lower still queued: true\n');
    expect(out).toContain('equal deadlines: woke 1000 in order true ready 1000 left 0\n');
    expect(out).toContain('expire 300: 102 106 114 118 103 107 111 115\n');
    expect(out).toMatch(/steals [1-9]\d* switches \d+/);
    expect(out.trimEnd().endsWith('done')).toBe(true);
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
      expect(normalizeOutput(r.stdout)).toBe(normalizeOutput(node.stdout));
      expect(r.exitCode, r.stderr).toBe(0);
    });
  }
});
