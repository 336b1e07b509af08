// What the host sees of one measured phase, and the timing around it.
import type { PhaseBracket } from './control.js';

export interface HostPhase {
  /** Round trips, or requests, or 1 for a bulk transfer. */
  ops: number;
  /** Payload bytes the client sent and received during the phase. */
  bytesSent: number;
  bytesReceived: number;
  /** Host wall-clock ns from the guest's answer to "begin" to just before "end" is sent. */
  wallNs: number;
}

/** Runs `work` between the bracket's begin and end, timing it on the host's clock. */
export async function bracketed(bracket: PhaseBracket, work: () => Promise<Omit<HostPhase, 'wallNs'>>): Promise<HostPhase> {
  await bracket.begin();
  const t0 = process.hrtime.bigint();
  const r = await work();
  const wallNs = Number(process.hrtime.bigint() - t0);
  await bracket.end();
  return { ...r, wallNs };
}
