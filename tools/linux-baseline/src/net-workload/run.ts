// The whole network workload from the host, against any guest that serves
// protocol.ts (Linux's netbench here; the unikernel's net-server too): per
// repetition an empty phase (begin, end: what the bracketing itself costs),
// then echo, bulk and HTTP, each bracketed; finally "quit".
import { bulkSend, BULK_DEFAULTS } from './bulk.js';
import { NetControl } from './control.js';
import { echoRoundTrips, ECHO_DEFAULTS } from './echo.js';
import { bracketed, type HostPhase } from './host-phase.js';
import { httpKeepAlive, HTTP_DEFAULTS } from './http.js';
import type { NetPorts } from './protocol.js';

export interface NetClientOptions {
  echoCount?: number;
  echoSize?: number;
  echoWarmup?: number;
  bulkBytes?: number;
  bulkChunk?: number;
  httpCount?: number;
  httpWarmup?: number;
  /** Repetitions of the four phases (named <kind>.<n>, n from 1). */
  repeat?: number;
  /**
   * Then one phase named "idle" in which the host only waits this long (0:
   * none): it shows how the guest's virtual clock treats time spent waiting
   * for the host (under QEMU -icount sleep=on it follows real time).
   */
  idleMs?: number;
}

export const NET_CLIENT_DEFAULTS = {
  echoCount: ECHO_DEFAULTS.count,
  echoSize: ECHO_DEFAULTS.size,
  echoWarmup: ECHO_DEFAULTS.warmup,
  bulkBytes: BULK_DEFAULTS.bytes,
  bulkChunk: BULK_DEFAULTS.chunk,
  httpCount: HTTP_DEFAULTS.count,
  httpWarmup: HTTP_DEFAULTS.warmup,
  repeat: 3,
  idleMs: 100,
} as const;

export const PHASE_KINDS = ['empty', 'echo', 'bulk', 'http'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

export const IDLE_PHASE = 'idle';

export const phaseName = (kind: PhaseKind, rep: number) => `${kind}.${rep}`;

/** Host figures by phase name (empty.1, echo.1, ...). */
export type HostPhases = Map<string, HostPhase>;

export async function runNetClient(ports: NetPorts, opts: NetClientOptions = {}, log: (line: string) => void = () => {}): Promise<HostPhases> {
  const o = { ...NET_CLIENT_DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as Required<NetClientOptions>;
  const out: HostPhases = new Map();
  const control = await NetControl.connect(ports.control);
  try {
    for (let rep = 1; rep <= o.repeat; rep++) {
      const b = (kind: PhaseKind) => control.bracket(phaseName(kind, rep));
      out.set(phaseName('empty', rep), await bracketed(b('empty'), async () => ({ ops: 0, bytesSent: 0, bytesReceived: 0 })));
      out.set(phaseName('echo', rep), await echoRoundTrips(ports.echo, { count: o.echoCount, size: o.echoSize, warmup: o.echoWarmup, bracket: b('echo') }));
      out.set(phaseName('bulk', rep), await bulkSend(ports.bulk, { bytes: o.bulkBytes, chunk: o.bulkChunk, bracket: b('bulk') }));
      out.set(phaseName('http', rep), await httpKeepAlive(ports.http, { count: o.httpCount, warmup: o.httpWarmup, bracket: b('http') }));
      log(`network repetition ${rep}/${o.repeat} done`);
    }
    if (o.idleMs > 0) out.set(IDLE_PHASE, await bracketed(control.bracket(IDLE_PHASE), () => new Promise((r) => setTimeout(() => r({ ops: 0, bytesSent: 0, bytesReceived: 0 }), o.idleMs))));
    await control.quit();
    return out;
  } catch (e) {
    // Let the guest stop now rather than at its idle timeout; the first error is the one to report.
    await Promise.race([control.quit(), new Promise((r) => setTimeout(r, 5000))]).catch(() => {});
    control.destroy();
    throw e;
  }
}
