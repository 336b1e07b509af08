/**
 * The flagship at its console: net-server on 4 cores with /fatfs on a FAT32
 * disk and its services forwarded from 127.0.0.1, driven like a person at
 * the serial console (keystrokes with pauses) while host clients use the
 * network. Checked: the network commands (ifconfig, netstat with a live
 * connection, ping with -c and stopped by Ctrl-C), kill of a connection's
 * thread (its client sees the connection end), files written at the
 * prompt served over HTTP, cp/write/df/mount/sync, and poweroff leaving a
 * volume fsck.fat and mtools accept. (`ps` answered within 100 ms during
 * 256 HTTP connections is in many-connections.test.ts: QEMU's user
 * networking resets such bursts, so it runs over a tap in a namespace.) A second boot on a corrupt disk says so and
 * runs on without /fatfs, changing nothing on the image.
 * All traffic is on 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, checkNetworkArgs, diskQemuArgs, freePort, makeDiskImage, networkQemuArgs, type ImageResult } from '@unishyper/codegen';
import { PROMPT } from '@unishyper/terminal';
import { Console, Keys } from '@unishyper/terminal/testing';
import { httpGet } from './http-get';

const app = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
let img: ImageResult;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flagship-'));
  img = await buildImage({ appDir: app });
}, 300_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Boots the flagship on `image` with echo and HTTP forwarded to free ports. */
async function boot(image: string): Promise<{ con: Console; httpPort: number; echoPort: number }> {
  const echoPort = await freePort();
  const httpPort = await freePort();
  const nic = networkQemuArgs({
    mac: '48:b0:2d:0e:6e:9e',
    forwards: [
      { proto: 'tcp', host: echoPort, guest: 7 },
      { proto: 'tcp', host: httpPort, guest: 80 },
    ],
  });
  const extraArgs = [...diskQemuArgs([{ image, sizeMiB: 64, format: 'fat32', readOnly: false }]), ...nic];
  expect(checkNetworkArgs(extraArgs)).toEqual([]);
  const con = new Console(img.elf, { gic: 2, smp: 4, memMiB: 256, extraArgs }, img.qemuArgs);
  await con.until('the prompt after the services are up', () => con.text().includes('net-server: listening') && con.prompts() > 0, 90_000);
  return { con, httpPort, echoPort };
}

const bigFile = crypto.randomBytes(300 * 1024 + 17);
const mtools = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', env: { ...process.env, MTOOLS_SKIP_CHECK: '1' } });

describe('the flagship (net-server) at its console', () => {
  let con: Console;
  let httpPort = 0;
  let echoPort = 0;
  let image = '';

  /** The rows a command printed (its own row left out). */
  async function output(...keys: string[]): Promise<string[]> {
    return (await con.run(...keys)).slice(1);
  }

  beforeAll(async () => {
    image = path.join(dir, 'disk.img');
    makeDiskImage({ image, sizeMiB: 64, format: 'fat32', readOnly: false });
    // A file many response buffers long, streamed by file-route.ts.
    fs.writeFileSync(path.join(dir, 'big.bin'), bigFile);
    mtools('mcopy', ['-i', image, path.join(dir, 'big.bin'), '::/big.bin']);
    ({ con, httpPort, echoPort } = await boot(image));
  }, 180_000);
  afterAll(() => con?.kill());

  it('boots with /fatfs, the network and the shell', () => {
    expect(con.text()).toMatch(/net-server: \/fatfs: fat32 on virtio-blk, \d+ KiB free of \d+ KiB\n/);
    expect(con.text()).toContain('net-server: address 10.0.0.2\n');
    expect(con.screen.current()).toBe(PROMPT.trimEnd());
  });

  it('help lists the commands of every feature in the image', async () => {
    const names = (await output('help')).slice(4).map((r) => r.split(' ')[0]);
    for (const n of ['ps', 'kill', 'free', 'ls', 'cat', 'cp', 'df', 'mount', 'sync', 'write', 'ifconfig', 'ping', 'netstat', 'poweroff', 'reboot', 'history']) expect(names).toContain(n);
    expect(await output('ping')).toEqual(['usage: ping HOST [-c N]']);
    expect(await output('ifconfig eth1')).toEqual(['usage: ifconfig']);
  });

  it('ifconfig shows the address DHCP gave, the mask and the seed\'s MAC', async () => {
    const rows = await output('ifconfig');
    expect(rows[0]).toBe('eth0: flags=UP,BROADCAST,RUNNING  mtu 1500');
    expect(rows[1]).toBe('        inet 10.0.0.2  netmask 255.255.255.0  broadcast 10.0.0.255');
    // Under restrict=on QEMU's DHCP server offers no router and no DNS server (libslirp leaves them out).
    expect(rows[2]).toBe('        gateway (none)  dns (none)');
    expect(rows[3]).toBe('        ether 48:b0:2d:0e:6e:9e');
    expect(rows[4]).toMatch(/^        RX frames [1-9]\d*  dropped \d+$/);
  });

  it('netstat shows the listeners, and a host client\'s connection while it is open', async () => {
    const s = net.connect(echoPort, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.write('hello\n');
      s.once('data', () => resolve());
    });
    const rows = await output('netstat');
    s.destroy();
    expect(rows[0]).toBe('Proto Recv-Q Send-Q Local Address           Foreign Address         State');
    for (const port of [7, 80, 9, 9000]) expect(rows).toContainEqual(expect.stringMatching(new RegExp(`^tcp +0 +0 0\\.0\\.0\\.0:${port} +0\\.0\\.0\\.0:\\* +LISTEN$`)));
    expect(rows).toContainEqual(expect.stringMatching(/^tcp +0 +0 10\.0\.0\.2:7 +10\.0\.0\.\d+:\d+ +ESTABLISHED$/));
    expect(rows).toContainEqual(expect.stringMatching(/^udp +0 +0 0\.0\.0\.0:7 +0\.0\.0\.0:\*$/));
  });

  it('kill of a connection\'s thread closes its connection: the client sees the end, the service goes on', async () => {
    const waiting = async () => (await output('ps')).filter((r) => / echo-conn +blocked /.test(r));
    // The netstat test's connection ends as its client's FIN arrives: wait for its thread to go.
    for (let i = 0; i < 20 && (await waiting()).length > 0; i++) await new Promise((r) => setTimeout(r, 250));
    const s = net.connect(echoPort, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.write('ping\n');
      s.once('data', () => resolve());
    });
    let ended = false;
    s.on('close', () => (ended = true));
    s.on('error', () => undefined); // a reset is an end too
    const rows = await waiting(); // this connection's thread, waiting for its next bytes
    expect(rows.length, rows.join('\n')).toBe(1);
    const tid = rows[0]!.trim().split(/ +/)[0]!;
    expect(await output(`kill ${tid}`)).toEqual([]);
    await con.until('the client sees its connection end', () => ended, 5_000);
    expect((await output('ps')).filter((r) => r.trim().startsWith(`${tid} `))).toEqual([]);
    const again = net.connect(echoPort, '127.0.0.1');
    const back = await new Promise<string>((resolve, reject) => {
      again.once('error', reject);
      again.write('still here\n');
      again.once('data', (d) => resolve(d.toString()));
    });
    again.destroy();
    expect(back).toBe('still here\n');
  }, 30_000);

  it('ping -c 3 the gateway: three replies with times, then the totals', async () => {
    const rows = await output('ping 10.0.0.1 -c 3');
    expect(rows[0]).toBe('PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.');
    for (let i = 1; i <= 3; i++) expect(rows[i]).toMatch(new RegExp(`^64 bytes from 10\\.0\\.0\\.1: icmp_seq=${i} ttl=\\d+ time=\\d+\\.\\d{3} ms$`));
    expect(rows.slice(4)).toEqual(['', '--- 10.0.0.1 ping statistics ---', '3 packets transmitted, 3 received, 0% packet loss', expect.stringMatching(/^rtt min\/avg\/max = [\d.]+\/[\d.]+\/[\d.]+ ms$/)]);
  }, 30_000);

  it('ping without -c runs until Ctrl-C, then prints the totals and the prompt comes back', async () => {
    const before = con.prompts();
    const row = con.screen.row;
    await con.type('ping 10.0.0.1', Keys.Enter);
    await con.until('two replies', () => (con.text().match(/icmp_seq=\d+ ttl/g) ?? []).length >= 3 + 2, 10_000);
    await con.type(Keys.CtrlC);
    await con.until('the prompt', () => con.prompts() > before, 10_000);
    const rows: string[] = [];
    for (let r = row; r < con.screen.row; r++) rows.push(con.screen.line(r));
    expect(rows).toContain('^C');
    const totals = rows.find((r) => r.includes('packets transmitted'))!;
    const [, sent, received] = /^(\d+) packets transmitted, (\d+) received/.exec(totals)!.map(Number);
    expect(received).toBeGreaterThanOrEqual(2);
    expect(sent - received).toBeLessThanOrEqual(1); // the one in flight when Ctrl-C came
  }, 30_000);

  it('files written at the prompt are served over HTTP; cp, write, df, mount', async () => {
    expect(await output('ls /fatfs')).toEqual([expect.stringMatching(/^file +307217 big\.bin$/), expect.stringMatching(/^file +\d+ hello\.txt$/)]);
    expect((await httpGet(httpPort, '/fatfs/hello.txt')).body).toMatch(/^Hello from \/fatfs/);
    expect(await output('echo made at the prompt > /fatfs/note.txt')).toEqual([]);
    expect(await output('cp /fatfs/note.txt /fatfs/copy.txt')).toEqual([]);
    expect(await output('write /fatfs/copy.txt 0 MADE')).toEqual([]);
    expect(await output('cat /fatfs/copy.txt')).toEqual(['MADE at the prompt']);
    const note = await httpGet(httpPort, '/fatfs/note.txt');
    expect([note.status, note.body]).toEqual([200, 'made at the prompt\n']);
    expect((await httpGet(httpPort, '/fatfs/')).body.split('\n').sort()).toEqual(['', 'big.bin', 'copy.txt', 'hello.txt', 'note.txt']);
    expect((await httpGet(httpPort, '/fatfs/missing.txt')).status).toBe(404);
    expect((await httpGet(httpPort, '/fatfs/../etc')).status).toBe(400);
    expect(await output('mount')).toEqual(['ramfs on / (rw)', 'fat32 on /fatfs (rw)']);
    const df = await output('df');
    expect(df[2]).toMatch(/^fat32 +6\d{4} +\d+ +\d+ +\d+% \/fatfs$/);
    expect(await output('sync')).toEqual([]);
  }, 60_000);

  it('a large binary file put on the disk by mtools comes back byte-exact over HTTP', async () => {
    const got = await httpGet(httpPort, '/fatfs/big.bin');
    expect(got.status).toBe(200);
    expect(got.bytes.equals(bigFile)).toBe(true);
  });

  it('poweroff syncs /fatfs and ends the run with status 0; the volume is clean and holds what was typed', async () => {
    await con.type('echo last words > /fatfs/last.txt', Keys.Enter);
    await con.until('prompt', () => con.screen.current().startsWith(PROMPT.trimEnd()));
    await con.type('poweroff', Keys.Enter);
    expect(await con.waitExit()).toBe(0);
    expect(execFileSync('fsck.fat', ['-n', image], { encoding: 'utf8' })).not.toMatch(/differ|Free cluster summary wrong|lost/i);
    expect(mtools('mtype', ['-i', image, '::/last.txt'])).toBe('last words\n');
    expect(mtools('mtype', ['-i', image, '::/copy.txt'])).toBe('MADE at the prompt\n');
  }, 60_000);
});

describe('the flagship on a corrupt disk', () => {
  it('says the disk is not a volume it can mount, runs on without /fatfs, and changes nothing', async () => {
    const image = path.join(dir, 'corrupt.img');
    makeDiskImage({ image, sizeMiB: 64, format: 'fat32', readOnly: false });
    const fd = fs.openSync(image, 'r+');
    fs.writeSync(fd, Buffer.alloc(512, 0x5a), 0, 512, 0); // the boot sector: no BPB, no signature
    fs.closeSync(fd);
    const hash = () => crypto.createHash('sha256').update(fs.readFileSync(image)).digest('hex');
    const before = hash();
    const { con, httpPort } = await boot(image);
    try {
      expect(con.text()).toMatch(/net-server: the disk holds no FAT volume this kernel can mount \(E\w+: [^)]+\); running without \/fatfs\. To start afresh, remove apps\/net-server\/disk\.img and boot again\n/);
      expect((await con.run('ls /fatfs')).slice(1)).toEqual(['ls: /fatfs: no such file or directory']);
      expect((await httpGet(httpPort, '/fatfs/hello.txt')).status).toBe(404);
      expect((await httpGet(httpPort, '/')).status).toBe(200);
      await con.type('poweroff', Keys.Enter);
      expect(await con.waitExit()).toBe(0);
    } finally {
      con.kill();
    }
    expect(hash()).toBe(before);
  }, 180_000);
});
