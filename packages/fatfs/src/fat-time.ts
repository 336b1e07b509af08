/**
 * FAT timestamps <-> seconds since 1970-01-01 (UTC; FAT stores local time and
 * this kernel's local time is UTC), and the clock a volume stamps with.
 *
 * FAT date (spec "Date and Time Formats"): bits 15-9 years since 1980, 8-5
 * month 1-12, 4-0 day 1-31. Time: bits 15-11 hours, 10-5 minutes, 4-0
 * seconds / 2. So FAT covers 1980-01-01 to 2107-12-31 at 2-second
 * resolution; times outside are clamped. Invalid stored fields (month 0,
 * day 0) read as 1, as Linux does.
 *
 * The kernel has no RTC yet: `CounterClock` is `epoch + seconds since boot`
 * (the generic timer's virtual counter), with the epoch set by whoever mounts
 * (default FAT_DEFAULT_EPOCH, 2025-01-01 00:00:00 UTC); `FixedClock` returns
 * a settable instant (tests, and the Node/QEMU comparison).
 */
import { nowNs } from '@unishyper/hal-aarch64';
import { idiv } from '@unishyper/rt';

/** A source of wall-clock time in seconds since 1970-01-01 UTC. */
export interface TimeSource {
  nowSeconds(): number;
}

/** 2025-01-01 00:00:00 UTC. */
export const FAT_DEFAULT_EPOCH = 1735689600;
/** 1980-01-01 00:00:00 UTC, the first FAT instant. */
export const FAT_MIN_TIME = 315532800;
/** 2107-12-31 23:59:58 UTC, the last FAT instant. */
export const FAT_MAX_TIME = 4354819198;

export class CounterClock {
  constructor(public epoch: number) {}
  nowSeconds(): number {
    return this.epoch + idiv(nowNs(), 1_000_000_000);
  }
}

export class FixedClock {
  constructor(public now: number) {}
  nowSeconds(): number {
    return this.now;
  }
}

/** Days since 1970-01-01 of a proleptic Gregorian date (year >= 1970). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = idiv(y, 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = idiv(153 * mp + 2, 5) + day - 1;
  const doe = yoe * 365 + idiv(yoe, 4) - idiv(yoe, 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Seconds since 1970 of a FAT date and time (time 0 = midnight). */
export function fatToUnix(date: number, time: number): number {
  const year = 1980 + ((date >> 9) & 0x7f);
  let month = (date >> 5) & 0x0f;
  let day = date & 0x1f;
  if (month < 1) month = 1;
  if (month > 12) month = 12;
  if (day < 1) day = 1;
  let hours = (time >> 11) & 0x1f;
  let minutes = (time >> 5) & 0x3f;
  let seconds = (time & 0x1f) * 2;
  if (hours > 23) hours = 23;
  if (minutes > 59) minutes = 59;
  if (seconds > 59) seconds = 58;
  return daysFromCivil(year, month, day) * 86400 + hours * 3600 + minutes * 60 + seconds;
}

/** The FAT date (high 16 bits) and time (low 16 bits) of `t` seconds since 1970, clamped to FAT's range. */
export function unixToFat(t: number): number {
  let s = t;
  if (s < FAT_MIN_TIME) s = FAT_MIN_TIME;
  if (s > FAT_MAX_TIME) s = FAT_MAX_TIME;
  const days = idiv(s, 86400);
  const secs = s - days * 86400;
  // civil from days (Hinnant's algorithm, days >= 0).
  const z = days + 719468;
  const era = idiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = idiv(doe - idiv(doe, 1460) + idiv(doe, 36524) - idiv(doe, 146096), 365);
  const doy = doe - (365 * yoe + idiv(yoe, 4) - idiv(yoe, 100));
  const mp = idiv(5 * doy + 2, 153);
  const day = doy - idiv(153 * mp + 2, 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const date = ((year - 1980) << 9) | (month << 5) | day;
  const hours = idiv(secs, 3600);
  const minutes = idiv(secs - hours * 3600, 60);
  const time = (hours << 11) | (minutes << 5) | idiv(secs % 60, 2);
  return date * 65536 + time;
}
