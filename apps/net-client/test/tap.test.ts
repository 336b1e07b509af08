/**
 * `unishyper qemu --net tap`: net-server on the seed's tap0 (the host side
 * 10.0.0.1/24, the guest 10.0.0.2), all inside a network namespace this test
 * makes (unshare -n; test/tap-namespace.ts runs there), so nothing outside
 * it is touched. From the namespace: ping, traceroute (the guest is one hop
 * away and answers port unreachable), a TCP echo and an HTTP GET. Skipped,
 * saying why, where the machine allows no namespace or has no /dev/net/tun.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, checkNetworkArgs, splitArgs } from '@unishyper/codegen';
import { cannotUseNamespace } from '@unishyper/codegen/testing';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');

const why = cannotUseNamespace();
if (why) console.warn(`apps/net-client tap.test.ts: SKIPPED: ${why}; --net tap is tested only inside a network namespace`);

interface Ran {
  status: number | null;
  out: string;
  missing: boolean;
}
let r: { setupFailed?: string; listening?: boolean; ping?: Ran; traceroute?: Ran; echoExact?: boolean | string; http?: string; console?: string; cliStderr?: string };
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'net-tap-'));

beforeAll(async () => {
  if (why) return;
  await buildImage({ appDir: path.join(repo, 'apps/net-server'), outDir: out });
  const run = spawnSync('unshare', ['--net', '--fork', '--kill-child', '--', process.execPath, '--import', 'tsx', path.join(here, 'tap-namespace.ts'), repo, out], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 200_000,
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`the namespace runner printed no result (status ${run.status}):\n${run.stdout}\n${run.stderr}`);
  r = JSON.parse(line.slice(7));
}, 300_000);

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe.skipIf(why !== null)('net-server on tap0 inside a network namespace', () => {
  it('the seed\'s tap0 set-up worked and net-server took 10.0.0.2 on it (static: no DHCP server there)', () => {
    expect(r.setupFailed).toBeUndefined();
    expect(r.listening, `${r.console}\n${r.cliStderr}`).toBe(true);
    expect(r.console!.replace(/\r\n/g, '\n')).toContain('net-server: address 10.0.0.2\n');
  });

  it('unishyper qemu --net tap gave QEMU tap0 with no scripts, and nothing else', () => {
    const line = /\[unishyper\] (\S*qemu-system-aarch64 .*)/.exec(r.cliStderr!)?.[1];
    expect(line, r.cliStderr).toBeDefined();
    const args = splitArgs(line!).slice(1);
    expect(args).toContain('tap,id=net0,ifname=tap0,script=no,downscript=no');
    expect(checkNetworkArgs(args)).not.toEqual([]); // outside a namespace this line is refused
    expect(checkNetworkArgs(args, { insideOwnNamespace: true })).toEqual([]);
  });

  it('ping 10.0.0.2: 3 of 3 answered', (ctx) => {
    if (r.ping!.missing) ctx.skip('ping is not installed (iputils-ping; bash scripts/setup.sh)');
    expect(r.ping!.out).toMatch(/3 packets transmitted, 3 received, 0% packet loss/);
    expect(r.ping!.status).toBe(0);
  });

  it('traceroute 10.0.0.2: one hop, the guest itself', (ctx) => {
    if (r.traceroute!.missing) ctx.skip('traceroute is not installed (traceroute; bash scripts/setup.sh)');
    expect(r.traceroute!.out).toMatch(/traceroute to 10\.0\.0\.2/);
    expect(r.traceroute!.out).toMatch(/\n 1 {2}10\.0\.0\.2 {2}\d+\.\d+ ms\s*$/);
    expect(r.traceroute!.status).toBe(0);
  });

  it('TCP echo of 64 KiB from a Node client in the namespace, byte-exact; HTTP answers', () => {
    expect(r.echoExact).toBe(true);
    expect(r.http).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(r.http).toContain('Hello from Unishyper');
  });
});
