// Many concurrent connections from real host TCP clients, without QEMU's
// user networking in between (its forwards reset bursts of connects): run
// inside a network namespace the caller made (unshare -n), it sets up the
// seed's tap0 there (10.0.0.1/24), boots net-server on it with `unishyper
// qemu --net tap`, opens CONNS connections to the echo service all at once,
// and makes REQS 16-byte requests on each, all connections concurrently,
// checking every reply. With SERVICE `http` the connections are HTTP/1.1
// keep-alive ones to port 80 instead (GET / each time, the reply parsed and
// checked). With PROBE `ps`, once every connection is open and the requests
// flow, it types `ps` at the kernel's console and times the answer.
// Prints one line, RESULT <json>, and stops QEMU.
// argv: <repo> <net-server build dir> <conns> <reqs> [echo|http] [none|ps]
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const [repo, outDir, connsArg, reqsArg, serviceArg, probeArg] = process.argv.slice(2) as [string, string, string, string, string?, string?];
const CONNS = Number(connsArg);
const REQS = Number(reqsArg);
const HTTP = serviceArg === 'http';
const PROBE_PS = probeArg === 'ps';
const GREETING = 'Hello from Unishyper: a unikernel written in TypeScript, serving HTTP from QEMU.\n';
const HTTP_REPLY = `HTTP/1.1 200 OK\r\nServer: unishyper\r\nContent-Type: text/plain\r\nContent-Length: ${GREETING.length}\r\n\r\n${GREETING}`;
const GUEST = '10.0.0.2';

for (const args of [['tuntap', 'add', 'dev', 'tap0', 'mode', 'tap'], ['addr', 'add', '10.0.0.1/24', 'dev', 'tap0'], ['link', 'set', 'tap0', 'up']]) {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`RESULT ${JSON.stringify({ setupFailed: `ip ${args.join(' ')}: ${r.stderr}` })}`);
    process.exit(0);
  }
}

let consoleText = '';
const cli = spawn(process.execPath, [path.join(repo, 'tools/codegen/bin/unishyper.js'), 'qemu', path.join(repo, 'apps/net-server'), '--no-build', '--no-disks', '-o', outDir, '--net', 'tap', '--smp', '4', '--timeout', '3000'], {
  cwd: repo,
  stdio: ['pipe', 'pipe', 'pipe'],
});
cli.stdout.setEncoding('utf8').on('data', (d: string) => (consoleText += d));
cli.stderr.setEncoding('utf8').on('data', (d: string) => (consoleText += d));

const errors = new Map<string, number>();
const note = (what: string) => errors.set(what, (errors.get(what) ?? 0) + 1);

function open(): Promise<net.Socket | null> {
  return new Promise((resolve) => {
    const s = net.connect(HTTP ? 80 : 7, GUEST, () => {
      s.setNoDelay(true);
      resolve(s);
    });
    s.on('error', (e) => {
      note(`connect: ${e.message}`);
      resolve(null);
    });
  });
}

/** REQS requests on `s`, one at a time, each reply checked; the count answered exactly. */
async function requests(s: net.Socket, id: number): Promise<number> {
  let buf = Buffer.alloc(0);
  let wake: (() => void) | null = null;
  let closed = false;
  s.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    wake?.();
  });
  s.on('close', () => {
    closed = true;
    wake?.();
  });
  s.on('error', (e) => note(e.message));
  let ok = 0;
  for (let r = 0; r < REQS; r++) {
    const msg = Buffer.from(HTTP ? HTTP_REPLY : `c${String(id).padStart(5, '0')}r${String(r).padStart(9, '0')}`);
    s.write(HTTP ? `GET / HTTP/1.1\r\nHost: ${GUEST}\r\n\r\n` : msg);
    while (buf.length < msg.length && !closed) await new Promise<void>((res) => (wake = res));
    wake = null;
    if (buf.length < msg.length) {
      note('closed before the reply');
      break;
    }
    if (!buf.subarray(0, msg.length).equals(msg)) {
      note('wrong reply');
      break;
    }
    buf = buf.subarray(msg.length);
    ok++;
    answeredSoFar++;
  }
  s.end();
  return ok;
}

let answeredSoFar = 0;

/** Types `ps` at the console and returns the milliseconds from Enter to its header row, and the requests answered meanwhile. */
async function probePs(): Promise<{ ms: number; answeredBefore: number; answeredAfter: number }> {
  const typed = consoleText.length;
  cli.stdin.write('ps');
  while (!consoleText.slice(typed).includes('ps')) await new Promise((r) => setTimeout(r, 5));
  const answeredBefore = answeredSoFar;
  const from = consoleText.length;
  const t0 = Date.now();
  cli.stdin.write('\r');
  while (!consoleText.slice(from).includes('  TID NAME') && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 1));
  return { ms: Date.now() - t0, answeredBefore, answeredAfter: answeredSoFar };
}

const result: Record<string, unknown> = {};
const deadline = Date.now() + 90_000;
while (!consoleText.includes('net-server: listening') && Date.now() < deadline && cli.exitCode === null) await new Promise((r) => setTimeout(r, 100));
result.listening = consoleText.includes('net-server: listening');
if (result.listening) {
  const t0 = Date.now();
  const socks = await Promise.all(Array.from({ length: CONNS }, open));
  result.connected = socks.filter((s) => s !== null).length;
  const flowing = Promise.all(socks.map((s, i) => (s === null ? 0 : requests(s, i))));
  if (PROBE_PS) {
    while (answeredSoFar < CONNS) await new Promise((r) => setTimeout(r, 5)); // every connection busy
    result.ps = await probePs();
  }
  const answered = await flowing;
  result.answered = answered.reduce((a, b) => a + b, 0);
  result.ms = Date.now() - t0;
  result.stats = await new Promise<string>((resolve) => {
    let t = '';
    const s = net.connect(80, GUEST, () => s.write('GET /stats HTTP/1.1\r\nConnection: close\r\n\r\n'));
    s.setEncoding('utf8').on('data', (d: string) => (t += d));
    s.on('close', () => resolve(t.split('\r\n\r\n')[1] ?? t));
    s.on('error', (e) => resolve(e.message));
  });
}
result.errors = Object.fromEntries(errors);
cli.kill('SIGTERM');
result.console = consoleText;
console.log(`RESULT ${JSON.stringify(result)}`);
process.exit(0);
