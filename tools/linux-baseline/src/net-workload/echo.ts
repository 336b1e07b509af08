// TCP echo round trips on one connection: send `size` bytes, wait for the
// same bytes back, again. The warm-up round trips (before the bracket) let
// both sides' TCP state settle (window, ACK timing) before counting.
import { NO_BRACKET, type PhaseBracket } from './control.js';
import { bracketed, type HostPhase } from './host-phase.js';
import { closeAndWait, connectLocal, SocketReader } from './socket-reader.js';

export interface EchoOptions {
  count?: number;
  size?: number;
  warmup?: number;
  bracket?: PhaseBracket;
}

export const ECHO_DEFAULTS = { count: 2000, size: 64, warmup: 100 } as const;

/** Message i: its index stamped over a fixed pattern, so a reply to the wrong request is caught. */
export function echoMessage(i: number, size: number): Buffer {
  const b = Buffer.alloc(size, 0x61 + (i % 26));
  b.write(String(i).padStart(Math.min(size, 10), '0').slice(-size), 0, 'ascii');
  return b;
}

export async function echoRoundTrips(port: number, opts: EchoOptions = {}): Promise<HostPhase> {
  const { count, size, warmup } = { ...ECHO_DEFAULTS, ...opts };
  if (!(size >= 1)) throw new Error(`echo size must be at least 1 byte, not ${size}`);
  const socket = await connectLocal(port);
  const reader = new SocketReader(socket);
  const roundTrip = async (i: number) => {
    const m = echoMessage(i, size);
    socket.write(m);
    const back = await reader.read(size);
    if (!back.equals(m)) throw new Error(`echo round trip ${i}: the reply is not what was sent`);
  };
  try {
    for (let i = 0; i < warmup; i++) await roundTrip(i);
    const r = await bracketed(opts.bracket ?? NO_BRACKET, async () => {
      for (let i = 0; i < count; i++) await roundTrip(warmup + i);
      return { ops: count, bytesSent: count * size, bytesReceived: count * size };
    });
    await closeAndWait(socket);
    return r;
  } finally {
    socket.destroy();
  }
}
