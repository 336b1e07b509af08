// Run by test/tap.test.ts inside a network namespace it made (unshare -n):
// sets up the seed's tap0 there (make tap_setup: the host 10.0.0.1/24),
// boots net-server with `unishyper qemu --net tap`, then reaches the guest
// (10.0.0.2) from the namespace with ping, traceroute, a TCP echo and an
// HTTP GET. Prints one line, RESULT <json>, and stops QEMU. Nothing outside
// the namespace is touched: the namespace and tap0 end with this process.
// argv: <repo> <net-server build dir>
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const [repo, outDir] = process.argv.slice(2) as [string, string];
const GUEST = '10.0.0.2';

function sh(cmd: string, args: string[]): { status: number | null; out: string; missing: boolean } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, missing: (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' };
}

function tcpEcho(data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const s = net.connect(7, GUEST, () => s.write(data));
    s.on('data', (d) => {
      chunks.push(d);
      got += d.length;
      if (got >= data.length) s.end();
    });
    s.on('close', () => resolve(Buffer.concat(chunks)));
    s.on('error', reject);
    s.setTimeout(20_000, () => s.destroy(new Error('echo timed out')));
  });
}

function httpGet(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const s = net.connect(80, GUEST, () => s.write('GET / HTTP/1.1\r\nHost: unishyper\r\nConnection: close\r\n\r\n'));
    s.setEncoding('utf8').on('data', (d: string) => (text += d));
    s.on('close', () => resolve(text));
    s.on('error', reject);
    s.setTimeout(20_000, () => s.destroy(new Error('HTTP timed out')));
  });
}

// The seed's tap_setup, in this namespace.
const setup = [
  ['ip', ['tuntap', 'add', 'dev', 'tap0', 'mode', 'tap']],
  ['ip', ['addr', 'add', '10.0.0.1/24', 'dev', 'tap0']],
  ['ip', ['link', 'set', 'tap0', 'up']],
] as const;
for (const [cmd, args] of setup) {
  const r = sh(cmd, [...args]);
  if (r.status !== 0) {
    console.log(`RESULT ${JSON.stringify({ setupFailed: `${cmd} ${args.join(' ')}: ${r.out}` })}`);
    process.exit(0);
  }
}

let consoleText = '';
let cliErr = '';
const cli = spawn(process.execPath, [path.join(repo, 'tools/codegen/bin/unishyper.js'), 'qemu', path.join(repo, 'apps/net-server'), '--no-build', '--no-disks', '-o', outDir, '--net', 'tap', '--smp', '2', '--timeout', '150'], {
  cwd: repo,
  stdio: ['ignore', 'pipe', 'pipe'],
});
cli.stdout.setEncoding('utf8').on('data', (d: string) => (consoleText += d));
cli.stderr.setEncoding('utf8').on('data', (d: string) => (cliErr += d));
const exited = new Promise<number | null>((r) => cli.on('close', (code) => r(code)));

const result: Record<string, unknown> = {};
const deadline = Date.now() + 90_000;
while (!consoleText.includes('net-server: listening') && Date.now() < deadline && cli.exitCode === null) await new Promise((r) => setTimeout(r, 100));
result.listening = consoleText.includes('net-server: listening');
if (result.listening) {
  result.ping = sh('ping', ['-c', '3', '-W', '2', GUEST]);
  result.traceroute = sh('traceroute', ['-n', '-q', '1', '-w', '2', '-m', '3', GUEST]);
  const data = Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 13) & 0xff));
  result.echoExact = await tcpEcho(data).then((b) => b.equals(data), (e: Error) => e.message);
  result.http = await httpGet().catch((e: Error) => e.message);
}
cli.kill('SIGTERM'); // the CLI passes it on to QEMU
result.cliStatus = await exited;
result.console = consoleText;
result.cliStderr = cliErr;
console.log(`RESULT ${JSON.stringify(result)}`);
