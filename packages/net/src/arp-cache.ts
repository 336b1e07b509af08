/**
 * The ARP cache (RFC 826; timers per RFC 1122 §2.3.2): IPv4 address ->
 * MAC address, a fixed number of entries made at start-up.
 *
 * An entry is Free, Incomplete (a request is out; packets for the address
 * wait in its bounded queue) or Reachable (resolved, until `ttlMs` after
 * the last reply or request that confirmed it).
 *
 * - Requests are rate-limited: at most one per `retryMs` per address
 *   (RFC 1122 §2.3.2.1, "prevent ARP flooding": at most one per second).
 * - After `maxRequests` requests without an answer the entry fails: its
 *   queued packets are dropped (counted arp-failed) and the entry is freed,
 *   so the next packet starts again.
 * - A full queue drops the new packet (arp-queue-full): the oldest ones are
 *   the ones the sender retries first (RFC 1122 §2.3.2.2 "SHOULD save at
 *   least one (the latest) packet" — we save up to `queueLimit`).
 * - When every entry is in use, the least recently confirmed Reachable entry
 *   is replaced; failing that the oldest Incomplete one (its packets dropped).
 *
 * Not locked by itself: the stack's lock guards it.
 */
import { FixedArray, release, u32 } from '@unishyper/rt';
import { PacketBuf, PacketPool, PacketQueue } from './packet';
import { Drop, NetStats } from './stats';

export const ArpState = { Free: 0, Incomplete: 1, Reachable: 2 } as const;

export class ArpEntry {
  state: number = ArpState.Free;
  ip: u32 = u32(0);
  mac = 0;
  /** Reachable: when the entry expires. Incomplete: when the last request went out. */
  timeMs = 0;
  /** Reachable: when a refresh request last went out (-1: none since the entry was learned). */
  refreshedMs = -1;
  requests = 0;
  readonly pending: PacketQueue;

  constructor(queueLimit: number) {
    this.pending = new PacketQueue(queueLimit);
  }
}

export class ArpCache {
  readonly entries: FixedArray<ArpEntry>;
  ttlMs = 60_000;
  retryMs = 1_000;
  maxRequests = 3;
  /**
   * An entry in use is asked for again this long before it expires (RFC 1122
   * §2.3.2.1, refreshing a cache entry in use), so a busy destination never
   * goes through a new resolution with its packets queued (and, beyond
   * arpQueue, dropped) meanwhile.
   */
  refreshMs = 5_000;
  /** The address lookup() found due for a refresh, for the stack to ask for (0: none). */
  refreshDue = 0;
  /** Where the last lookup hit: nearly every output asks for the same next hop (the gateway). */
  private lastHit = 0;
  /** What the last full tick returned, and whether an entry changed since: tick rescans only when one did or that time came. */
  private tickNextMs = -1;
  private changed = false;

  constructor(size: number, queueLimit: number) {
    this.entries = new FixedArray<ArpEntry>(size, new ArpEntry(queueLimit));
    for (let i = 1; i < size; i++) this.entries.set(i, new ArpEntry(queueLimit));
  }

  private find(ip: number): ArpEntry | null {
    const last = this.entries.get(this.lastHit);
    if (last.state !== ArpState.Free && last.ip === ip) return last;
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries.get(i);
      if (e.state !== ArpState.Free && e.ip === ip) {
        this.lastHit = i;
        return e;
      }
    }
    return null;
  }

  /** The MAC for `ip`, or -1 when it is not resolved (or has expired). */
  lookup(ip: number, nowMs: number): number {
    const e = this.find(ip);
    if (e === null || e.state !== ArpState.Reachable) return -1;
    if (nowMs >= e.timeMs) return -1;
    if (nowMs >= e.timeMs - this.refreshMs && (e.refreshedMs < 0 || nowMs - e.refreshedMs >= this.retryMs)) {
      e.refreshedMs = nowMs;
      this.refreshDue = ip;
    }
    return e.mac;
  }

  /** Entries in the given state. */
  count(state: number): number {
    let n = 0;
    for (let i = 0; i < this.entries.length; i++) if (this.entries.get(i).state === state) n++;
    return n;
  }

  /** Packets waiting for resolution, over all entries. */
  pendingCount(): number {
    let n = 0;
    for (let i = 0; i < this.entries.length; i++) n += this.entries.get(i).pending.length();
    return n;
  }

  private freeEntry(e: ArpEntry, pool: PacketPool, stats: NetStats): void {
    let b = e.pending.pop();
    while (b !== null) {
      stats.drop(Drop.ArpFailed);
      pool.free(b);
      b = e.pending.pop();
    }
    e.state = ArpState.Free;
    e.requests = 0;
  }

  /** A free entry, else the victim described above (emptied). */
  private claim(pool: PacketPool, stats: NetStats): ArpEntry {
    let victim: ArpEntry | null = null;
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries.get(i);
      if (e.state === ArpState.Free) return e;
      if (e.state === ArpState.Reachable && (victim === null || victim.state !== ArpState.Reachable || e.timeMs < victim.timeMs)) victim = e;
    }
    if (victim === null) {
      for (let i = 0; i < this.entries.length; i++) {
        const e = this.entries.get(i);
        if (victim === null || e.timeMs < victim.timeMs) victim = e;
      }
    }
    const v = victim!;
    this.freeEntry(v, pool, stats);
    return v;
  }

  /**
   * Queues `b` (an IPv4 datagram, tag = next hop) until `ip` resolves.
   * Returns true when a request should go out now (first packet, or the
   * rate limit allows another).
   */
  enqueue(ip: u32, b: PacketBuf, nowMs: number, pool: PacketPool, stats: NetStats): boolean {
    this.changed = true;
    let e = this.find(ip);
    if (e === null || e.state === ArpState.Reachable) {
      if (e === null) e = this.claim(pool, stats);
      e.state = ArpState.Incomplete;
      e.ip = ip;
      e.requests = 0;
      e.timeMs = nowMs;
    }
    if (!e.pending.push(b)) {
      stats.drop(Drop.ArpQueueFull);
      pool.free(b);
    }
    if (e.requests === 0) {
      e.requests = 1;
      e.timeMs = nowMs;
      return true;
    }
    return false;
  }

  /**
   * RFC 826 "Packet Reception": if the sender's address is in the table,
   * update its MAC (merge_flag); if we are the target and it was not there,
   * add it. Returns the entry whose queued packets can now go (or null).
   */
  update(ip: u32, mac: number, create: boolean, nowMs: number, pool: PacketPool, stats: NetStats): ArpEntry | null {
    let e = this.find(ip);
    if (e === null) {
      if (!create) return null;
      this.changed = true;
      e = this.claim(pool, stats);
      e.ip = ip;
    }
    if (e.state !== ArpState.Reachable) this.changed = true; // a later expiry alone moves no deadline earlier
    e.state = ArpState.Reachable;
    e.mac = mac;
    e.requests = 0;
    e.timeMs = nowMs + this.ttlMs;
    e.refreshedMs = -1;
    return e;
  }

  /**
   * Timers: expire Reachable entries, retry or fail Incomplete ones. Calls
   * `request(ip)` for each request to send; returns the earliest time it
   * needs to run again (-1: nothing pending).
   */
  tick(nowMs: number, pool: PacketPool, stats: NetStats, request: (ip: number) => void): number {
    // Runs on every poll of the network thread: nothing to do until an entry changes or a deadline comes.
    if (!this.changed && (this.tickNextMs < 0 || nowMs < this.tickNextMs)) return this.tickNextMs;
    this.changed = false;
    let next = -1;
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries.get(i);
      if (e.state === ArpState.Reachable) {
        if (nowMs >= e.timeMs) this.freeEntry(e, pool, stats);
        else if (next < 0 || e.timeMs < next) next = e.timeMs;
      } else if (e.state === ArpState.Incomplete) {
        if (nowMs - e.timeMs >= this.retryMs) {
          if (e.requests >= this.maxRequests) {
            this.freeEntry(e, pool, stats);
            continue;
          }
          e.requests++;
          e.timeMs = nowMs;
          request(e.ip);
        }
        const due = e.timeMs + this.retryMs;
        if (next < 0 || due < next) next = due;
      }
    }
    this.tickNextMs = next;
    return next;
  }

  /** Drops everything (interface going down, or dispose). */
  flush(pool: PacketPool): void {
    this.changed = true;
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries.get(i);
      e.pending.drain(pool);
      e.state = ArpState.Free;
    }
  }

  [Symbol.dispose](): void {
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries.get(i);
      release(e.pending);
      release(e);
    }
    release(this.entries);
  }
}
