/**
 * The compiler's test programs built natively — lowered to C, compiled for
 * AArch64 with gcc and with clang + ld.lld, run under qemu-aarch64 — must
 * print exactly expected.txt and exit with the expected status, as they do
 * under Node (programs.node.test.ts).
 */
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram, runNative, type CCompiler } from '../src/index';
import { normalizeOutput } from './harness/node-run';
import { listPrograms } from './harness/programs';

const programs = listPrograms();
const outRoot = path.join(os.tmpdir(), `unishyper-programs-${process.pid}`);

for (const cc of ['gcc', 'clang'] as CCompiler[]) {
  describe.concurrent(`test programs natively (${cc})`, () => {
    for (const p of programs) {
      it(p.name, async () => {
        const { elf } = await buildProgram({ entry: p.entry, outDir: path.join(outRoot, cc, p.name), cc });
        const r = await runNative(elf);
        expect(normalizeOutput(r.stdout)).toBe(normalizeOutput(p.expectedStdout));
        expect(r.exitCode, 'exit status').toBe(p.expectedExit);
      });
    }
  });
}
