/**
 * apps/net-server in QEMU (-smp 4) on restricted user networking with its
 * services forwarded from 127.0.0.1 (free ports the test picks): TCP echo
 * from 4 clients at once, HTTP/1.1 (keep-alive, pipelining, HEAD, 404, 400,
 * Connection: close, /stats), a UDP datagram in, and curl. (UDP echo both
 * ways is tested between two kernels in packages/virtio: QEMU 7.2's libslirp
 * drops a guest's UDP replies to a forward when restrict=on.) A forwarded host port that
 * is taken is reported by `unishyper qemu` with the port and what to do.
 * All traffic is on 127.0.0.1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, checkNetworkArgs, freePort, networkQemuArgs, qemuBinary, type ImageResult } from '@unishyper/codegen';
import { virtQemuArgs } from '@unishyper/codegen/testing';

const app = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = path.resolve(app, '../..');
let img: ImageResult;
let qemu: ChildProcess;
let consoleText = '';
let tcpPort = 0;
let httpPort = 0;
let udpPort = 0;
let sinkPort = 0;

beforeAll(async () => {
  img = await buildImage({ appDir: app });
  tcpPort = await freePort();
  httpPort = await freePort();
  udpPort = await freePort();
  sinkPort = await freePort();
  const nic = networkQemuArgs({
    mac: '48:b0:2d:0e:6e:9e',
    forwards: [
      { proto: 'tcp', host: tcpPort, guest: 7 },
      { proto: 'tcp', host: httpPort, guest: 80 },
      { proto: 'udp', host: udpPort, guest: 7 },
      { proto: 'tcp', host: sinkPort, guest: 9 },
    ],
  });
  const args = virtQemuArgs(img.elf, { gic: 2, smp: 4, memMiB: 256, extraArgs: nic }, img.qemuArgs);
  expect(checkNetworkArgs(args)).toEqual([]);
  qemu = spawn(qemuBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  qemu.stdout!.setEncoding('utf8').on('data', (d: string) => (consoleText += d));
  const deadline = Date.now() + 60_000;
  while (!consoleText.includes('net-server: listening')) {
    if (Date.now() > deadline || qemu.exitCode !== null) throw new Error(`net-server did not start:\n${consoleText}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 180_000);

afterAll(() => {
  qemu?.kill('SIGKILL');
});

function echoOnce(port: number, data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const s = net.connect(port, '127.0.0.1', () => {
      for (let o = 0; o < data.length; o += 1000) s.write(data.subarray(o, o + 1000));
    });
    s.on('data', (d) => {
      chunks.push(d);
      got += d.length;
      if (got >= data.length) s.end();
    });
    s.on('close', () => resolve(Buffer.concat(chunks)));
    s.on('error', reject);
    s.setTimeout(30_000, () => reject(new Error('echo timed out')));
  });
}

/** Raw HTTP over one connection: writes `requests`, reads until the server closes or `expectBytes` arrive. */
function rawHttp(requests: string, untilClose: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const s = net.connect(httpPort, '127.0.0.1', () => s.write(requests));
    s.setEncoding('utf8');
    s.on('data', (d: string) => {
      text += d;
      if (!untilClose && text.split('HTTP/1.1 ').length - 1 >= requests.split('\r\n\r\n').length - 1 && /\r\n\r\n[^]*$/.test(text)) s.end();
    });
    s.on('close', () => resolve(text));
    s.on('error', reject);
    s.setTimeout(20_000, () => {
      s.destroy();
      resolve(text);
    });
  });
}

function get(pathName: string, agent: http.Agent): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: httpPort, path: pathName, agent }, (r) => {
        let body = '';
        r.setEncoding('utf8');
        r.on('data', (d: string) => (body += d));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body, headers: r.headers }));
      })
      .on('error', reject);
  });
}

describe('apps/net-server', () => {
  it('got its address by DHCP from QEMU (the seed\'s 10.0.0.2)', () => {
    expect(consoleText.replace(/\r\n/g, '\n')).toContain('net-server: address 10.0.0.2\n');
  });

  it('TCP echo: 4 clients at once, 64 KiB each, three rounds, byte-exact', async () => {
    // Known problem (README): with more than a few connections opened at the same moment
    // some are reset by the server; 256 at once is the target.
    const data = (i: number) => Buffer.from(Array.from({ length: 65536 }, (_, k) => (k * 7 + i) & 0xff));
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(Array.from({ length: 4 }, (_, i) => echoOnce(tcpPort, data(round * 4 + i))));
      results.forEach((r, i) => expect(r.equals(data(round * 4 + i)), `round ${round} client ${i}`).toBe(true));
    }
  }, 120_000);

  it('HTTP/1.1: 50 requests on one keep-alive connection, /stats live, 404', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < 50; i++) {
      const r = await get('/', agent);
      expect(r.status).toBe(200);
      expect(r.body).toBe('Hello from Unishyper: a unikernel written in TypeScript, serving HTTP from QEMU.\n');
    }
    const stats = await get('/stats', agent);
    expect(stats.status).toBe(200);
    expect(stats.body).toMatch(/^uptime_ms \d+\nthreads \d+\nheap_used \d+\nheap_free \d+\nframes_in \d+\nframes_out \d+\nudp_datagrams_in \d+\nudp_datagrams_out \d+\ntcp_segments_in \d+\ntcp_retransmits \d+\ntcp_resets_sent \d+\ntcp_aborts \d+\ntcp_resets_received \d+\ndrops \d+[^\n]*\nconnections_accepted \d+\nhttp_requests (\d+)\n$/);
    expect(Number(/http_requests (\d+)/.exec(stats.body)![1])).toBeGreaterThanOrEqual(51);
    expect((await get('/nope', agent)).status).toBe(404);
    agent.destroy();
  }, 120_000);

  it('HTTP/1.1: pipelined requests in order, HEAD, Connection: close, a bad request line', async () => {
    const piped = await rawHttp('GET / HTTP/1.1\r\nHost: x\r\n\r\nHEAD /stats HTTP/1.1\r\nHost: x\r\n\r\nGET /missing HTTP/1.1\r\nConnection: close\r\n\r\n', true);
    const statuses = [...piped.matchAll(/HTTP\/1\.1 (\d+)/g)].map((m) => m[1]);
    expect(statuses).toEqual(['200', '200', '404']);
    expect(piped).toContain('Connection: close');
    const bad = await rawHttp('BREW /pot HTTP/1.1\r\n\r\n', true);
    expect(bad).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
    const malformed = await rawHttp('GET /\r\n\r\n', true);
    expect(malformed).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  }, 60_000);

  it('UDP echo: the datagram reaches the kernel and is answered (QEMU 7.2 under restrict=on drops the reply: see README)', async () => {
    const before = await get('/stats', new http.Agent());
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => sock.send(Buffer.from('datagram to the unikernel'), udpPort, '127.0.0.1', () => resolve()));
    await new Promise((r) => setTimeout(r, 500));
    sock.close();
    const after = await get('/stats', new http.Agent());
    const count = (t: string, name: string) => Number(new RegExp(`${name} (\\d+)`).exec(t)![1]);
    // Exactly the one datagram came in, and the echo service answered it (the reply is what libslirp drops).
    expect(count(after.body, 'udp_datagrams_in') - count(before.body, 'udp_datagrams_in')).toBe(1);
    expect(count(after.body, 'udp_datagrams_out') - count(before.body, 'udp_datagrams_out')).toBe(1);
    expect(after.body).not.toMatch(/ udp-[a-z-]+=/);
  }, 30_000);

  it('sink: 8 MiB in uneven writes, then the byte count back', async () => {
    const total = 8 * 1024 * 1024 + 12345;
    const reply = await new Promise<string>((resolve, reject) => {
      let text = '';
      const s = net.connect(sinkPort, '127.0.0.1', async () => {
        for (let sent = 0, i = 0; sent < total; i++) {
          const n = Math.min(total - sent, 1000 + ((i * 7919) % 60000));
          if (!s.write(Buffer.alloc(n, i & 0xff))) await new Promise((r) => s.once('drain', r));
          sent += n;
        }
        s.end();
      });
      s.setEncoding('utf8').on('data', (d: string) => (text += d));
      s.on('close', () => resolve(text));
      s.on('error', reject);
      s.setTimeout(60_000, () => reject(new Error('sink timed out')));
    });
    expect(reply).toBe(`${total}\n`);
  }, 90_000);

  it('/instructions: one counter per core', async () => {
    // QEMU's PMU counts instructions only under -icount (this boot has none: the counters read 0);
    // the network benchmark (bench/) boots with -icount and differences them.
    const r = await get('/instructions', new http.Agent());
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/^\d+( \d+){3}\n$/); // -smp 4
  }, 30_000);

  it('curl gets the greeting', () => {
    const r = spawnSync('curl', ['-sS', '--max-time', '20', `http://127.0.0.1:${httpPort}/`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Hello from Unishyper: a unikernel written in TypeScript, serving HTTP from QEMU.\n');
  }, 30_000);
});

describe('unishyper qemu with a taken host port', () => {
  it('says which port is in use and what to do, before QEMU starts', async () => {
    // Hold the app's first forwarded port (5555/tcp in its config), unless something else already does.
    const holder = net.createServer();
    await new Promise<void>((resolve) => {
      holder.once('error', () => resolve());
      holder.listen(5555, '127.0.0.1', () => resolve());
    });
    const r = spawnSync(process.execPath, [path.join(repo, 'tools/codegen/bin/unishyper.js'), 'qemu', app, '--no-build', '--timeout', '10'], { encoding: 'utf8', cwd: repo });
    holder.close();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/unishyper: host port 5555\/tcp \(forwarded to the guest's port 7\) is already in use on 127\.0\.0\.1; stop what uses it .* or change network\.forwards in apps\/net-server\/unishyper\.config\.ts/);
  }, 60_000);
});
