// Runs test/connections-namespace.ts inside a new network namespace
// (unshare -n: nothing outside it is touched) and returns its result; why
// the machine cannot, when it cannot (cannotUseNamespace).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildImage } from '@unishyper/codegen';
export { cannotUseNamespace } from '@unishyper/codegen/testing';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '../../..');

export interface ConnectionsResult {
  setupFailed?: string;
  listening?: boolean;
  connected?: number;
  answered?: number;
  ms?: number;
  stats?: string;
  errors?: Record<string, number>;
  /** With the ps probe: ms from Enter to ps's header, and the requests answered before and after it. */
  ps?: { ms: number; answeredBefore: number; answeredAfter: number };
  console?: string;
}

export async function runConnections(outDir: string, conns: number, reqs: number, timeoutMs: number, service: 'echo' | 'http' = 'echo', probe: 'none' | 'ps' = 'none'): Promise<ConnectionsResult> {
  await buildImage({ appDir: path.join(repo, 'apps/net-server'), outDir });
  const args = [path.join(here, 'connections-namespace.ts'), repo, outDir, String(conns), String(reqs), service, probe];
  const run = spawnSync('unshare', ['--net', '--fork', '--kill-child', '--', process.execPath, '--import', 'tsx', ...args], {
    cwd: repo,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 << 20,
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`the namespace runner printed no result (status ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line.slice(7)) as ConnectionsResult;
}
