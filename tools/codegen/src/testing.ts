// Helpers for packages' tests (`@unishyper/codegen/testing`): the builds a
// dialect program is checked with (each must print what the program prints
// under Node) and which of their tools are missing on this machine; running a
// program under Node (testing-node.ts); booting an image under QEMU
// (testing-qemu.ts) and asking it what it made (testing-qmp.ts); a seeded
// random generator (testing-rng.ts); an ELF's function symbols by address
// (testing-symbols.ts).
import { execFileSync } from 'node:child_process';
import type { CCompiler, Target } from './build.js';

export { NODE_MAIN, normalizeOutput, runInNode, type RunOptions, type RunResult } from './testing-node.js';
export { bootImage, virtQemuArgs, type BootOptions, type BootResult, type VirtMachine } from './testing-qemu.js';
export { Rng } from './testing-rng.js';
export { connectQmp, qmpArgs, type Qmp } from './testing-qmp.js';
export { cannotUseNamespace } from './testing-namespace.js';
export { functionSymbols, symbolIndex, type FunctionSymbols } from './testing-symbols.js';

export interface NativeBuild {
  name: string;
  cc: CCompiler;
  target: Target;
  /** Commands the build and its run need. */
  tools: string[];
}

export const NATIVE_BUILDS: readonly NativeBuild[] = [
  { name: 'aarch64 gcc', cc: 'gcc', target: 'linux-user', tools: ['aarch64-linux-gnu-gcc', 'qemu-aarch64'] },
  { name: 'aarch64 clang', cc: 'clang', target: 'linux-user', tools: ['clang', 'ld.lld', 'qemu-aarch64'] },
  { name: 'host gcc with ASan/UBSan', cc: 'gcc', target: 'host-sanitize', tools: ['gcc'] },
];

function have(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The tools of `b` not found on PATH (empty when the build can run). */
export function missingTools(b: NativeBuild): string[] {
  return b.tools.filter((t) => !have(t));
}
