/**
 * DNS messages (RFC 1035 §4): an A query for one name, and the A records of
 * the answer. Names in answers may be compressed (§4.1.4): pointers are
 * followed with a bound on their number and never past the message, so a
 * hostile answer cannot loop or read outside the datagram.
 */
import { load8, store8, strByteAt, strLen, u32 } from '@unishyper/rt';
import { NetError } from '../errors';
import { be16, be32, setBe16 } from './bytes';

/** Header fields (§4.1.1). */
export const DnsHeader = { Id: 0, Flags: 2, QdCount: 4, AnCount: 6, NsCount: 8, ArCount: 10, Size: 12 } as const;
const FLAG_QR = 0x8000;
const FLAG_RD = 0x0100;
const FLAG_TC = 0x0200;
const RCODE_MASK = 0x000f;
const RCODE_NXDOMAIN = 3;
export const DNS_TYPE_A = 1;
const DNS_CLASS_IN = 1;
/** Longest name (§2.3.4: 255 octets on the wire) and label (63). */
const MAX_NAME = 253;
const MAX_LABEL = 63;
/** Compression pointers followed in one name at most. */
const MAX_POINTERS = 16;
export const DNS_PORT = 53;

/**
 * Writes an A query with id `id` for `name` ("example.com", an optional
 * final dot) at `buf`; its length, or -EINVAL for a name DNS cannot carry
 * (empty labels, a label over 63 bytes, over 253 in all, bytes outside
 * printable ASCII).
 */
export function writeDnsQuery(buf: number, id: number, name: string): number {
  let n = strLen(name);
  if (n > 0 && strByteAt(name, n - 1) === 46) n--; // a trailing dot
  if (n === 0 || n > MAX_NAME) return -NetError.EINVAL;
  setBe16(buf + DnsHeader.Id, id);
  setBe16(buf + DnsHeader.Flags, FLAG_RD);
  setBe16(buf + DnsHeader.QdCount, 1);
  setBe16(buf + DnsHeader.AnCount, 0);
  setBe16(buf + DnsHeader.NsCount, 0);
  setBe16(buf + DnsHeader.ArCount, 0);
  let at: number = DnsHeader.Size;
  let labelAt: number = at;
  let len = 0;
  at++;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? strByteAt(name, i) : 46;
    if (c === 46) {
      if (len === 0 || len > MAX_LABEL) return -NetError.EINVAL;
      store8(buf + labelAt, len);
      labelAt = at;
      at++;
      len = 0;
    } else {
      if (c <= 32 || c >= 127) return -NetError.EINVAL;
      store8(buf + at, c);
      at++;
      len++;
    }
  }
  store8(buf + labelAt, 0); // the root label ends the name
  setBe16(buf + at, DNS_TYPE_A);
  setBe16(buf + at + 2, DNS_CLASS_IN);
  return at + 4;
}

/** The offset after the (possibly compressed) name at `at` in the `len`-byte message at `msg`, or -1 when it is malformed. */
function skipName(msg: number, len: number, at: number): number {
  let p = at;
  for (let labels = 0; labels < 128; labels++) {
    if (p >= len) return -1;
    const b = load8(msg + p);
    if (b === 0) return p + 1;
    if ((b & 0xc0) === 0xc0) return p + 2 <= len ? p + 2 : -1; // a pointer ends the name here
    if ((b & 0xc0) !== 0) return -1;
    p += 1 + b;
  }
  return -1;
}

/** Whether the name at `at` is well formed: labels inside the message, pointers backwards and bounded. */
function nameValid(msg: number, len: number, at: number): boolean {
  let p = at;
  let pointers = 0;
  for (let labels = 0; labels < 128; labels++) {
    if (p >= len) return false;
    const b = load8(msg + p);
    if (b === 0) return true;
    if ((b & 0xc0) === 0xc0) {
      if (p + 1 >= len) return false;
      const target = ((b & 0x3f) << 8) | load8(msg + p + 1);
      if (target >= p || ++pointers > MAX_POINTERS) return false; // only backwards: no loops
      p = target;
      continue;
    }
    if ((b & 0xc0) !== 0) return false;
    p += 1 + b;
  }
  return false;
}

/**
 * The first A record of the response in `msg` (`len` bytes) to query `id`:
 * its address (> 0), 0 when the answer holds none, -ENOENT for NXDOMAIN,
 * -EAGAIN when it is not the answer to `id` (keep waiting), -EPROTO when it
 * is malformed, truncated or an error.
 */
export function readDnsAnswer(msg: number, len: number, id: number): number {
  if (len < DnsHeader.Size) return -NetError.EPROTO;
  if (be16(msg + DnsHeader.Id) !== id) return -NetError.EAGAIN;
  const flags = be16(msg + DnsHeader.Flags);
  if ((flags & FLAG_QR) === 0) return -NetError.EAGAIN;
  if ((flags & RCODE_MASK) === RCODE_NXDOMAIN) return -NetError.ENOENT;
  if ((flags & RCODE_MASK) !== 0 || (flags & FLAG_TC) !== 0) return -NetError.EPROTO;
  let at: number = DnsHeader.Size;
  const questions = be16(msg + DnsHeader.QdCount);
  for (let q = 0; q < questions; q++) {
    at = skipName(msg, len, at);
    if (at < 0 || at + 4 > len) return -NetError.EPROTO;
    at += 4;
  }
  const answers = be16(msg + DnsHeader.AnCount);
  for (let a = 0; a < answers; a++) {
    if (!nameValid(msg, len, at)) return -NetError.EPROTO;
    at = skipName(msg, len, at);
    if (at < 0 || at + 10 > len) return -NetError.EPROTO;
    const type = be16(msg + at);
    const cls = be16(msg + at + 2);
    const rdlen = be16(msg + at + 8);
    at += 10;
    if (at + rdlen > len) return -NetError.EPROTO;
    if (type === DNS_TYPE_A && cls === DNS_CLASS_IN) {
      if (rdlen !== 4) return -NetError.EPROTO;
      const addr = u32(be32(msg + at));
      if (addr !== 0) return addr;
    }
    at += rdlen; // a CNAME or other record: the A record follows (§3.6.2)
  }
  return 0;
}
