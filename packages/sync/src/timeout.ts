/**
 * Timeouts of the sleeping primitives: a wait of `timeoutNs` (< 0: no
 * limit, 0: do not sleep) becomes a deadline in counter time on its first
 * sleep, and every retry after a wake-up sleeps only for what is left. The
 * clock is read only when a thread must sleep, so try* paths never touch it.
 */
import { nowNs } from '@unishyper/hal-aarch64';

/**
 * How long the next sleep may last: -1 without a limit, 0 when the time is
 * up (also for timeoutNs = 0), else the nanoseconds left. `deadline` is -1
 * before the first sleep (the whole timeout is left).
 */
export function timeLeft(timeoutNs: number, deadline: number): number {
  if (timeoutNs < 0) return -1;
  if (timeoutNs === 0) return 0;
  if (deadline < 0) return timeoutNs;
  const left = deadline - nowNs();
  return left > 0 ? left : 0;
}
