/**
 * net-client on restricted user networking, its connections to 10.0.0.2:9
 * and :7 carried by QEMU's guestfwd to a sink and an echo this test runs on
 * 127.0.0.1 (listening before QEMU starts: QEMU connects to each once, at
 * start). The guest sends 100 x 1 MiB and 1000 one-byte round trips; the
 * test checks what the guest printed and what the host got, byte by byte.
 * All traffic is on 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, checkNetworkArgs, SEED_NET, virtioNetArgs, type ImageResult } from '@unishyper/codegen';
import { bootImage, virtQemuArgs, type BootResult } from '@unishyper/codegen/testing';
import { echo, sink, type Service } from './host-services';

const app = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = path.resolve(app, '../..');
const MIB = 1024 * 1024;
let img: ImageResult;
let sinkSvc: Service;
let echoSvc: Service;
let run: BootResult;

beforeAll(async () => {
  img = await buildImage({ appDir: app });
  sinkSvc = await sink(100 * MIB);
  echoSvc = await echo();
  const nic = virtioNetArgs(
    {
      kind: 'user',
      ...SEED_NET,
      guestfwd: [
        { guestAddr: '10.0.0.2', guestPort: 9, hostPort: sinkSvc.port },
        { guestAddr: '10.0.0.2', guestPort: 7, hostPort: echoSvc.port },
      ],
    },
    '48:b0:2d:0e:6e:a0',
  );
  const machine = { gic: 2 as const, smp: 2, memMiB: 256, extraArgs: nic };
  expect(checkNetworkArgs(virtQemuArgs(img.elf, machine, img.qemuArgs))).toEqual([]);
  run = await bootImage(img.elf, machine, { boardArgs: img.qemuArgs, timeoutMs: 240_000 });
}, 300_000);

afterAll(async () => {
  await sinkSvc?.close();
  await echoSvc?.close();
});

describe('net-client through guestfwd to servers on the host', () => {
  it('exits 0, having printed both measurements', () => {
    expect(run.timedOut, run.stdout + run.stderr).toBe(false);
    expect(run.stdout).toContain('net-client: address 10.0.0.4, server 10.0.0.2\n');
    expect(run.stdout).toMatch(/net-client: bandwidth 104857600 bytes in \d+ ms \(\d+ Mbit\/s\); the server counted 104857600\n/);
    expect(run.stdout).toMatch(/net-client: latency 1000 round trips, avg \d+ us, max \d+ us\n/);
    expect(run.stdout).toContain('net-client: done\n');
    expect(run.status).toBe(0);
  });

  it('the host sink got 100 MiB on one connection, every byte as sent', () => {
    expect(sinkSvc.connections).toBe(1);
    expect(sinkSvc.bytes).toBe(100 * MIB);
    expect(sinkSvc.firstWrong).toBe(-1);
  });

  it('the host echo got the 1000 single bytes in order on one connection', () => {
    expect(echoSvc.connections).toBe(1);
    expect(echoSvc.echoed).toEqual(Array.from({ length: 1000 }, (_, i) => i & 0xff));
  });
});

describe('unishyper qemu apps/net-client with no server on its guest forwards', () => {
  /** Whether nothing holds 127.0.0.1:port. */
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });

  it('says which port nothing listens on and what to do, before QEMU starts', async (ctx) => {
    // The app's config sends 10.0.0.2:7 to 5555 and :9 to 5557 (net-server's forwards).
    if (!(await free(5555)) || !(await free(5557))) ctx.skip('127.0.0.1:5555 or :5557 is in use here (a net-server running?)');
    const r = spawnSync(process.execPath, [path.join(repo, 'tools/codegen/bin/unishyper.js'), 'qemu', app, '--no-build', '--timeout', '10'], { encoding: 'utf8', cwd: repo });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /unishyper: nothing listens on 127\.0\.0\.1:5555, where the guest's connections to 10\.0\.0\.2:7 go \(QEMU connects there once, when it starts\); start the server first or change network\.guestForwards in apps\/net-client\/unishyper\.config\.ts/,
    );
    expect(r.stderr).not.toMatch(/qemu-system-aarch64 /); // QEMU was not started
  }, 60_000);
});
