/**
 * net-client against net-server, two unikernels on one virtual Ethernet
 * (QEMU's -netdev socket on 127.0.0.1: net-server's QEMU listens, net-client's
 * connects; no DHCP server there, so net-server takes its static 10.0.0.2
 * after one unanswered DISCOVER, and net-client is 10.0.0.4). net-client runs
 * the seed's pairs: 100 x 1 MiB to the sink, whose count must be exact, and
 * 1000 one-byte round trips through the echo. Nothing leaves 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, checkNetworkArgs, freePort, qemuBinary, virtioNetArgs, waitForListener, type ImageResult } from '@unishyper/codegen';
import { bootImage, virtQemuArgs, type BootResult } from '@unishyper/codegen/testing';

const apps = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
// net-server is built into a directory of this test's own, so its app's build/ is left alone.
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'net-pair-'));
let server: ChildProcess;
let serverConsole = '';
let client: BootResult;

beforeAll(async () => {
  const serverImg: ImageResult = await buildImage({ appDir: path.join(apps, 'net-server'), outDir: out });
  const clientImg: ImageResult = await buildImage({ appDir: path.join(apps, 'net-client') });
  const port = await freePort();
  const serverNic = virtioNetArgs({ kind: 'socket-listen', port }, '48:b0:2d:0e:6e:9e');
  const clientNic = virtioNetArgs({ kind: 'socket-connect', port }, '48:b0:2d:0e:6e:a0');
  const serverArgs = virtQemuArgs(serverImg.elf, { gic: 2, smp: 4, memMiB: 256, extraArgs: serverNic }, serverImg.qemuArgs);
  expect([...checkNetworkArgs(serverArgs), ...checkNetworkArgs(clientNic)]).toEqual([]);
  server = spawn(qemuBinary(), serverArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.setEncoding('utf8').on('data', (d: string) => (serverConsole += d));
  await waitForListener(port, 20_000);
  const deadline = Date.now() + 60_000;
  while (!serverConsole.includes('net-server: listening')) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`net-server did not start:\n${serverConsole}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  client = await bootImage(clientImg.elf, { gic: 2, smp: 2, memMiB: 256, extraArgs: clientNic }, { boardArgs: clientImg.qemuArgs, timeoutMs: 180_000 });
  console.log(client.stdout.match(/net-client: (bandwidth|latency) .*/g)?.join('\n'));
}, 300_000);

afterAll(() => {
  server?.kill('SIGKILL');
  fs.rmSync(out, { recursive: true, force: true });
});

describe('net-client against net-server on a socket netdev', () => {
  it('net-server took its static address (no DHCP server on the wire)', () => {
    expect(serverConsole.replace(/\r\n/g, '\n')).toContain('net-server: address 10.0.0.2\n');
  });

  it('bandwidth: 100 x 1 MiB, and the sink counted exactly 104857600 bytes', () => {
    expect(client.timedOut, client.stdout + client.stderr).toBe(false);
    const m = /net-client: bandwidth (\d+) bytes in (\d+) ms \((\d+) Mbit\/s\); the server counted (\d+)\n/.exec(client.stdout);
    expect(m, client.stdout).not.toBeNull();
    expect(Number(m![1])).toBe(104857600);
    expect(Number(m![4])).toBe(104857600);
    expect(Number(m![2])).toBeGreaterThan(0);
  });

  it('latency: 1000 one-byte round trips, each echoed', () => {
    const m = /net-client: latency (\d+) round trips, avg (\d+) us, max (\d+) us\n/.exec(client.stdout);
    expect(m, client.stdout).not.toBeNull();
    expect(Number(m![1])).toBe(1000);
    expect(Number(m![2])).toBeGreaterThan(0);
    expect(Number(m![3])).toBeGreaterThanOrEqual(Number(m![2]));
  });

  it('net-client exits 0', () => {
    expect(client.stdout).toContain('net-client: done\n');
    expect(client.status).toBe(0);
  });
});
