// Bulk TCP transfer to the guest's sink: `bytes` in `chunk`-sized writes
// (waiting for the socket to drain, so the host buffers little), then a
// half-close; the guest answers with the count it read. The connection is
// made before the bracket, so the phase is the transfer and the answer.
import { once } from 'node:events';
import { NO_BRACKET, type PhaseBracket } from './control.js';
import { bracketed, type HostPhase } from './host-phase.js';
import { closeAndWait, connectLocal, SocketReader } from './socket-reader.js';

export interface BulkOptions {
  bytes?: number;
  chunk?: number;
  bracket?: PhaseBracket;
  /** Wait after connecting, before the phase begins (ms). */
  settleMs?: number;
}

// Through QEMU's forward the host's connect completes before the guest has
// seen the SYN, and the sink sends nothing to wait for; without a pause the
// guest's accept could fall inside the phase (the phase must have conns=0).
export const BULK_DEFAULTS = { bytes: 32 * 1024 * 1024, chunk: 64 * 1024, settleMs: 50 } as const;

export async function bulkSend(port: number, opts: BulkOptions = {}): Promise<HostPhase> {
  const { bytes, chunk, settleMs } = { ...BULK_DEFAULTS, ...opts };
  const socket = await connectLocal(port);
  await new Promise((r) => setTimeout(r, settleMs));
  const reader = new SocketReader(socket);
  const data = Buffer.alloc(chunk);
  for (let i = 0; i < chunk; i++) data[i] = (i * 31 + 7) & 0xff;
  try {
    const r = await bracketed(opts.bracket ?? NO_BRACKET, async () => {
      for (let sent = 0; sent < bytes; ) {
        const n = Math.min(chunk, bytes - sent);
        sent += n;
        if (!socket.write(n === chunk ? data : data.subarray(0, n))) await once(socket, 'drain');
      }
      socket.end();
      const answer = (await reader.readToEnd()).toString('ascii');
      if (answer.trim() !== String(bytes)) throw new Error(`bulk: sent ${bytes} bytes, the guest says it read '${answer.trim()}'`);
      return { ops: 1, bytesSent: bytes, bytesReceived: answer.length };
    });
    await closeAndWait(socket);
    return r;
  } finally {
    socket.destroy();
  }
}
