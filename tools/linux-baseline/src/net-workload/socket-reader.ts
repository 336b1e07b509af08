// A TCP client socket read as a stream of exact pieces (n bytes, up to a
// separator, to the end), which is how each workload's client waits for the
// guest's answers. Nothing here knows the workloads.
import { once } from 'node:events';
import net from 'node:net';

/** Connects to 127.0.0.1:port (the only address the benchmarks talk to), Nagle off. */
export async function connectLocal(port: number, idleTimeoutMs = 60_000): Promise<net.Socket> {
  const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
  socket.setTimeout(idleTimeoutMs, () => socket.destroy(new Error(`127.0.0.1:${port}: nothing received for ${idleTimeoutMs / 1000} s`)));
  await Promise.race([once(socket, 'connect'), once(socket, 'error').then(([e]) => Promise.reject(e as Error))]);
  return socket;
}

/** Half-closes `socket` and waits until the peer has closed its side too, so the guest has handled the close before the host goes on. */
export async function closeAndWait(socket: net.Socket): Promise<void> {
  if (socket.destroyed) return;
  const closed = once(socket, 'close');
  socket.end();
  await closed;
}

export class SocketReader {
  private chunks: Buffer[] = [];
  private have = 0;
  private ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(readonly socket: net.Socket) {
    socket.on('data', (b: Buffer) => {
      this.chunks.push(b);
      this.have += b.length;
      this.notify();
    });
    socket.on('end', () => {
      this.ended = true;
      this.notify();
    });
    socket.on('error', (e) => {
      this.failure = e;
      this.notify();
    });
    socket.on('close', () => {
      this.ended = true;
      this.notify();
    });
  }

  /** Exactly n bytes. */
  async read(n: number): Promise<Buffer> {
    while (this.have < n) await this.more(`${n} bytes`);
    return this.take(n);
  }

  /** Everything up to and including `sep` (at most `max` bytes). */
  async readUntil(sep: string, max = 65536): Promise<Buffer> {
    for (;;) {
      const all = this.peekAll();
      const at = all.indexOf(sep);
      if (at >= 0) return this.take(at + sep.length);
      if (all.length >= max) throw new Error(`no '${JSON.stringify(sep)}' in the first ${max} bytes`);
      await this.more(`a '${JSON.stringify(sep)}'`);
    }
  }

  /** Everything until the peer closes. */
  async readToEnd(): Promise<Buffer> {
    while (!this.ended) await this.more('the end');
    return this.take(this.have);
  }

  private async more(what: string) {
    if (this.failure) throw this.failure;
    if (this.ended) throw new Error(`the connection closed while waiting for ${what}`);
    await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failure) throw this.failure;
  }

  private notify() {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  private peekAll(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private take(n: number): Buffer {
    const all = this.peekAll();
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.have -= n;
    return out;
  }
}
