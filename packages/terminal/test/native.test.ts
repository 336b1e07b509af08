/**
 * The package natively: test/native/main.ts (a scripted byte string through
 * the line editor and the registry) is lowered by @unishyper/codegen,
 * compiled with gcc and clang for AArch64 (run under qemu-aarch64) and for
 * the host with ASan/UBSan, and must print exactly what it prints under Node.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProgram, compileToC, runNative } from '@unishyper/codegen';
import { missingTools, NATIVE_BUILDS, normalizeOutput, runInNode, type RunResult } from '@unishyper/codegen/testing';
import { beforeAll, describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./native/main.ts', import.meta.url));
const outRoot = path.join(os.tmpdir(), `unishyper-terminal-native-${process.pid}`);

describe('terminal natively agrees with Node', () => {
  let node: RunResult;

  beforeAll(async () => {
    node = await runInNode(entry, { timeoutMs: 120_000 });
  }, 180_000);

  it('runs the script under Node', () => {
    expect(node.stderr).toBe('');
    expect(node.exitCode).toBe(0);
    const out = normalizeOutput(node.stdout);
    expect(out).toContain('\n[echo][one two][x][a b]\\x0a\n');
    expect(out).toContain("\nps: needs the 'threads' feature\\x0a\n");
    expect(out).toContain('\nunterminated double quote at column 6\\x0a\n');
    expect(out).toContain('\n[ls][/etc/]\\x0a\n');
    expect(out).toContain('\ncancelled\n');
    expect(out.trimEnd().endsWith('end of input\nhistory 4, dropped output 0')).toBe(true);
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
