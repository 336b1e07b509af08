/**
 * Run one generated program under Node through the shared harness
 * (test/harness/node-run.ts: node-main.ts + the tsx loader, in a child process).
 */
import { runInNode } from '../harness/node-run';
import type { Output } from './compare';

export interface NodeRun extends Output {
  ms: number;
}

export async function runNode(entry: string, timeoutMs = 300_000): Promise<NodeRun> {
  const t0 = performance.now();
  const r = await runInNode(entry, { timeoutMs });
  return { name: 'node', stdout: r.stdout, exitCode: r.exitCode, stderr: r.stderr, ms: performance.now() - t0 };
}
