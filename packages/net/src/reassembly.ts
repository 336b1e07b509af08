/**
 * IPv4 fragment reassembly (RFC 791 §3.2 "Fragmentation and Reassembly",
 * RFC 1122 §3.3.2), with strict limits so fragments cannot exhaust memory:
 *
 * - at most `slots` datagrams in reassembly at once; a fragment of a new
 *   datagram when all are taken is refused (frag-no-slot);
 * - each slot has a fixed buffer of `slotBytes`: a fragment reaching past
 *   it refuses the datagram (frag-too-big), so the total is slots x
 *   slotBytes, allocated once;
 * - at most `maxFragments` fragments per datagram (frag-too-many);
 * - a fragment that overlaps one already received, other than an exact
 *   duplicate, discards the whole datagram (frag-overlap; the RFC 5722
 *   rule for IPv6 applied to IPv4, which closes the overlap attacks RFC
 *   1858 describes); an exact duplicate is ignored (frag-duplicate);
 * - a datagram not complete `timeoutMs` after its first fragment is
 *   dropped (frag-timeout; RFC 1122 §3.3.2 recommends 60 to 120 s, default
 *   60 s, settable).
 *
 * Fragments are identified by source, destination, protocol and
 * identification (RFC 791 §3.2). Data is copied into the slot at its
 * offset; the header of the offset-0 fragment is kept in front of it, so the
 * reassembled datagram is one contiguous IPv4 datagram (header + data) that
 * the stack delivers like any other.
 */
import { allocBytes, FixedArray, freeBytes, memcpy, release, u32 } from '@unishyper/rt';
import {
  IPV4_MAX_HEADER, ipv4Dst, ipv4FragOffset, ipv4HeaderLen, ipv4Ident, ipv4MoreFragments, ipv4Protocol, ipv4SetFlagsFrag,
  ipv4SetTotalLen, ipv4Src, ipv4TotalLen, ipv4FillChecksum,
} from './wire/ipv4';
import { Drop, NetStats } from './stats';

class FragSlot {
  used = false;
  src: u32 = u32(0);
  dst: u32 = u32(0);
  ident = 0;
  protocol = 0;
  startMs = 0;
  /** Data length once the last fragment (MF = 0) arrived, else -1. */
  total = -1;
  /** Data bytes received. */
  received = 0;
  /** Header length of the offset-0 fragment, or 0 before it arrived. */
  headerLen = 0;
  nFrags = 0;
  readonly fragStart: FixedArray<number>;
  readonly fragEnd: FixedArray<number>;

  constructor(readonly buf: number, maxFragments: number) {
    this.fragStart = new FixedArray<number>(maxFragments, 0);
    this.fragEnd = new FixedArray<number>(maxFragments, 0);
  }
}

export class Reassembler {
  private readonly slots: FixedArray<FragSlot>;
  private readonly memory: number;
  readonly slotBytes: number;
  readonly maxFragments: number;
  timeoutMs = 60_000;
  /** Address and length of the last completed datagram (valid until the next add()). */
  doneAddr = 0;
  doneLen = 0;
  private doneSlot: FragSlot | null = null;
  /** What the last full tick returned, and whether add() ran since: tick rescans only then or when that time comes. */
  private tickNextMs = -1;
  private added = false;

  constructor(slots: number, slotBytes: number, maxFragments: number) {
    this.slotBytes = slotBytes;
    this.maxFragments = maxFragments;
    // Each slot: room for the largest header in front of slotBytes of data.
    this.memory = allocBytes(slots * (slotBytes + IPV4_MAX_HEADER), 16);
    this.slots = new FixedArray<FragSlot>(slots, new FragSlot(this.memory, maxFragments));
    for (let i = 1; i < slots; i++) this.slots.set(i, new FragSlot(this.memory + i * (slotBytes + IPV4_MAX_HEADER), maxFragments));
  }

  /** Datagrams in reassembly. */
  inProgress(): number {
    let n = 0;
    for (let i = 0; i < this.slots.length; i++) if (this.slots.get(i).used) n++;
    return n;
  }

  /** Frees the slot of the datagram add() last completed (the caller has delivered it). */
  release(): void {
    const s = this.doneSlot;
    if (s !== null) s.used = false;
    this.doneSlot = null;
  }

  /**
   * Adds the fragment at `p` (a checked datagram with MF set or a non-zero
   * offset). Returns 1 when a datagram is complete (doneAddr/doneLen; call
   * release() after delivering it), 0 when more fragments are needed, or
   * -Drop reason when this fragment was refused (counted by the caller).
   */
  add(p: number, nowMs: number): number {
    this.release();
    this.added = true;
    const src = ipv4Src(p);
    const dst = ipv4Dst(p);
    const id = ipv4Ident(p);
    const proto = ipv4Protocol(p);
    const hl = ipv4HeaderLen(p);
    const off = ipv4FragOffset(p);
    const dlen = ipv4TotalLen(p) - hl;
    const more = ipv4MoreFragments(p);
    // RFC 791 §3.2: every fragment but the last carries a multiple of 8 data octets.
    if ((more && (dlen & 7) !== 0) || (more && dlen === 0)) return -Drop.FragBad;
    let s: FragSlot | null = null;
    let free: FragSlot | null = null;
    for (let i = 0; i < this.slots.length; i++) {
      const c = this.slots.get(i);
      if (c.used && c.src === src && c.dst === dst && c.ident === id && c.protocol === proto) {
        s = c;
        break;
      }
      if (!c.used && free === null) free = c;
    }
    if (s === null) {
      if (free === null) return -Drop.FragNoSlot;
      s = free;
      s.used = true;
      s.src = src;
      s.dst = dst;
      s.ident = id;
      s.protocol = proto;
      s.startMs = nowMs;
      s.total = -1;
      s.received = 0;
      s.headerLen = 0;
      s.nFrags = 0;
    }
    const end = off + dlen;
    if (end > this.slotBytes) {
      s.used = false;
      return -Drop.FragTooBig;
    }
    for (let i = 0; i < s.nFrags; i++) {
      const a = s.fragStart.get(i);
      const b = s.fragEnd.get(i);
      if (a === off && b === end) return -Drop.FragDuplicate;
      if (off < b && a < end) {
        s.used = false;
        return -Drop.FragOverlap;
      }
    }
    if (!more) {
      // A second "last" fragment with a different end, or data already past this end: inconsistent.
      if (s.total >= 0 && s.total !== end) {
        s.used = false;
        return -Drop.FragOverlap;
      }
      for (let i = 0; i < s.nFrags; i++) {
        if (s.fragEnd.get(i) > end) {
          s.used = false;
          return -Drop.FragOverlap;
        }
      }
      s.total = end;
    } else if (s.total >= 0 && end > s.total) {
      s.used = false;
      return -Drop.FragOverlap;
    }
    if (s.nFrags >= this.maxFragments) {
      s.used = false;
      return -Drop.FragTooMany;
    }
    s.fragStart.set(s.nFrags, off);
    s.fragEnd.set(s.nFrags, end);
    s.nFrags++;
    memcpy(s.buf + IPV4_MAX_HEADER + off, p + hl, dlen);
    s.received += dlen;
    if (off === 0) {
      s.headerLen = hl;
      memcpy(s.buf + IPV4_MAX_HEADER - hl, p, hl);
    }
    if (s.total < 0 || s.received !== s.total || s.headerLen === 0) return 0;
    // Complete: no overlaps and received === total means every byte is there.
    const h = s.buf + IPV4_MAX_HEADER - s.headerLen;
    ipv4SetTotalLen(h, s.headerLen + s.total);
    ipv4SetFlagsFrag(h, 0);
    ipv4FillChecksum(h);
    this.doneAddr = h;
    this.doneLen = s.headerLen + s.total;
    this.doneSlot = s;
    return 1;
  }

  /** Drops datagrams older than the timeout; returns the earliest time it must run again (-1: none). */
  tick(nowMs: number, stats: NetStats): number {
    // Runs on every poll of the network thread; nearly always nothing is in reassembly.
    if (!this.added && (this.tickNextMs < 0 || nowMs < this.tickNextMs)) return this.tickNextMs;
    this.added = false;
    let next = -1;
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots.get(i);
      if (!s.used || s === this.doneSlot) continue;
      const due = s.startMs + this.timeoutMs;
      if (nowMs >= due) {
        s.used = false;
        stats.drop(Drop.FragTimeout);
      } else if (next < 0 || due < next) next = due;
    }
    this.tickNextMs = next;
    return next;
  }

  [Symbol.dispose](): void {
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots.get(i);
      release(s.fragStart);
      release(s.fragEnd);
      release(s);
    }
    release(this.slots);
    freeBytes(this.memory);
  }
}
