/**
 * The PL031 real-time clock of QEMU `virt` (Arm PrimeCell RTC, DDI 0224):
 * its data register RTCDR counts seconds since 1970-01-01 UTC, started by
 * QEMU from the host's clock (or -rtc base=...). Only read here.
 */
import { mmioRead32 } from '@unishyper/rt';

/** RTCDR: the current count in seconds. */
const RTCDR = 0x000;

export class Pl031 {
  constructor(readonly base: number) {}

  /** Seconds since 1970-01-01 UTC. */
  seconds(): number {
    return mmioRead32(this.base + RTCDR);
  }
}
