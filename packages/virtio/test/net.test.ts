/**
 * virtio-net in QEMU: two unikernels (test/fixtures/net-pair) on one virtual
 * Ethernet, QEMU's -netdev socket between them on 127.0.0.1 (the server's
 * QEMU listens, the client's connects; no other network, -nic none): the
 * client pings the server 20 times, finds it by name through its DNS, sends
 * it 100 MiB over TCP (counted and
 * hashed on arrival) and echoes UDP datagrams of 1 to 1472 bytes through it.
 * Nothing leaves 127.0.0.1.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildImage, checkNetworkArgs, freePort, virtioNetArgs, waitForListener, type ImageResult } from '@unishyper/codegen';
import { bootImage } from '@unishyper/codegen/testing';

const here = path.dirname(fileURLToPath(import.meta.url));
let img: ImageResult;

beforeAll(async () => {
  img = await buildImage({ appDir: path.join(here, 'fixtures', 'net-pair') });
});


describe('virtio-net in QEMU', () => {
  it('two unikernels joined by a socket netdev: ping, traceroute, DNS, 100 MiB over TCP, UDP echo, byte-exact', async () => {
    const port = await freePort();
    // The MAC picks the kernel's role (fixtures/net-pair).
    const serverNic = virtioNetArgs({ kind: 'socket-listen', port }, '48:b0:2d:0e:6e:9f');
    const clientNic = virtioNetArgs({ kind: 'socket-connect', port }, '48:b0:2d:0e:6e:9e');
    expect([...checkNetworkArgs(serverNic), ...checkNetworkArgs(clientNic)]).toEqual([]);
    const server = bootImage(img.elf, { gic: 2, smp: 2, memMiB: 128, extraArgs: serverNic }, { boardArgs: img.qemuArgs, timeoutMs: 120_000 });
    await waitForListener(port, 20_000);
    const client = await bootImage(img.elf, { gic: 2, smp: 2, memMiB: 128, extraArgs: clientNic }, { boardArgs: img.qemuArgs, timeoutMs: 120_000 });
    const s = await server;
    expect(client.stdout, client.stdout + client.stderr).toContain('client: mac 48:b0:2d:0e:6e:9e\n');
    expect(client.stdout).toContain('client: 20 of 20 pings answered\n');
    expect(client.stdout).toContain('client: 6 of 6 datagrams echoed exactly (1 to 1472 bytes)\n');
    expect(client.stdout).toContain('client: sink.pair.test is 10.0.0.3\n'); // the resolver, against the server's DNS
    // traceroute: the server is the first hop, and says its port is closed.
    expect(client.stdout).toContain('client: traceroute hop 1: 10.0.0.3 ECONNREFUSED\n');
    expect(client.stdout).toContain('client: tcp sent 104857600 bytes; the server counted and hashed them exactly\n');
    expect(client.status).toBe(0);
    expect(s.stdout, s.stdout + s.stderr).toContain('server: mac 48:b0:2d:0e:6e:9f\n');
    expect(s.stdout).toMatch(/server: echoed 6 datagrams, answered 2\d pings\n/);
    expect(s.stdout).toContain('server: tcp sink got 104857600 bytes\n');
    expect(s.status).toBe(0);
  }, 240_000);
});
