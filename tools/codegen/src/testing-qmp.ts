// Asking a running QEMU about its machine through QMP (the JSON monitor) on
// a unix socket: tests start QEMU with `qmpArgs(socket)` and then query what
// devices it really made, rather than trusting the command line.
import fs from 'node:fs';
import net from 'node:net';

/** QEMU arguments for a QMP server on unix socket `socketPath` that does not wait for a client. */
export function qmpArgs(socketPath: string): string[] {
  return ['-qmp', `unix:${socketPath},server=on,wait=off`];
}

type QmpReply = { return?: unknown; error?: { class: string; desc: string }; event?: string; QMP?: unknown };

export interface Qmp {
  /** Runs a QMP command and returns its `return` value; a QMP error rejects. */
  execute(command: string, args?: Record<string, unknown>): Promise<unknown>;
  /** Runs a human monitor command (`info network`) and returns its text. */
  hmp(commandLine: string): Promise<string>;
  close(): void;
}

/** Connects to the QMP socket (waiting up to `timeoutMs` for QEMU to create it) and negotiates capabilities. */
export async function connectQmp(socketPath: string, timeoutMs = 10_000): Promise<Qmp> {
  const deadline = Date.now() + timeoutMs;
  let sock: net.Socket | undefined;
  while (!sock) {
    try {
      if (fs.existsSync(socketPath)) sock = await openSocket(socketPath);
    } catch {
      // QEMU has made the socket file but is not accepting yet.
    }
    if (!sock) {
      if (Date.now() > deadline) throw new Error(`QMP socket ${socketPath}: QEMU did not open it within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const replies: QmpReply[] = [];
  const waiters: { resolve: (r: QmpReply) => void; reject: (e: Error) => void }[] = [];
  let closed = false;
  let buffered = '';
  sock.setEncoding('utf8').on('data', (s: string) => {
    buffered += s;
    for (let nl; (nl = buffered.indexOf('\n')) >= 0; ) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (!line) continue;
      const reply = JSON.parse(line) as QmpReply;
      if (reply.event) continue; // asynchronous events are not answers
      const w = waiters.shift();
      if (w) w.resolve(reply);
      else replies.push(reply);
    }
  });
  // QEMU that exits (or fails to start) ends the connection: no answer will come.
  sock.on('close', () => {
    closed = true;
    for (const w of waiters.splice(0)) w.reject(new Error(`QMP ${socketPath}: QEMU closed the connection`));
  });
  sock.on('error', () => {});
  const next = () =>
    new Promise<QmpReply>((resolve, reject) => {
      if (replies.length) resolve(replies.shift()!);
      else if (closed) reject(new Error(`QMP ${socketPath}: QEMU closed the connection`));
      else waiters.push({ resolve, reject });
    });
  const execute = async (command: string, args?: Record<string, unknown>) => {
    sock!.write(JSON.stringify(args ? { execute: command, arguments: args } : { execute: command }) + '\n');
    const r = await next();
    if (r.error) throw new Error(`QMP ${command}: ${r.error.class}: ${r.error.desc}`);
    return r.return;
  };
  await next(); // the greeting
  await execute('qmp_capabilities');
  return {
    execute,
    hmp: async (commandLine) => String(await execute('human-monitor-command', { 'command-line': commandLine })),
    close: () => sock!.destroy(),
  };
}

function openSocket(p: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.createConnection(p);
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}
