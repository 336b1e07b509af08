/**
 * ICMP for IPv4 (RFC 792):
 *
 *     0 type | 1 code | 2 checksum (over the whole ICMP message)
 *     4 echo: identifier(2) sequence(2)     | data
 *     4 errors: unused(4) (or pointer / next-hop MTU) | 8 quoted IP header + 64 bits of its data
 */
import { load8, store8 } from '@unishyper/rt';
import { csumAdd, csumFinish, csumVerify } from '../checksum';
import { be16, setBe16, setBe32 } from './bytes';
import { Drop } from '../stats';

export const IcmpField = {
  Type: 0,
  Code: 1,
  Checksum: 2,
  Ident: 4,
  Seq: 6,
  Rest: 4,
  Data: 8,
} as const;

export const ICMP_HEADER = 8;

export const IcmpType = {
  EchoReply: 0,
  DestUnreachable: 3,
  SourceQuench: 4,
  Redirect: 5,
  Echo: 8,
  TimeExceeded: 11,
  ParameterProblem: 12,
} as const;

/** Destination Unreachable codes (RFC 792 p.4). */
export const UnreachCode = {
  Net: 0,
  Host: 1,
  Protocol: 2,
  Port: 3,
  FragNeeded: 4,
  SourceRoute: 5,
} as const;

/** Time Exceeded codes (RFC 792 p.6): 0 TTL exceeded in transit, 1 fragment reassembly time exceeded. */
export const TimeExceededCode = { Ttl: 0, Reassembly: 1 } as const;

/** 0 when `len` bytes at `p` are an ICMP message with a valid checksum, else the Drop reason. */
export function icmpCheck(p: number, len: number): number {
  if (len < ICMP_HEADER) return Drop.IcmpTooShort;
  if (!csumVerify(csumAdd(0, p, len))) return Drop.IcmpBadChecksum;
  return 0;
}

export function icmpType(p: number): number {
  return load8(p + IcmpField.Type);
}
export function icmpCode(p: number): number {
  return load8(p + IcmpField.Code);
}
export function icmpIdent(p: number): number {
  return be16(p + IcmpField.Ident);
}
export function icmpSeq(p: number): number {
  return be16(p + IcmpField.Seq);
}

/** Writes the 8-byte header (type, code, the 4 "rest" bytes as two 16-bit words) and fills the checksum over `len` bytes. */
export function icmpWrite(p: number, type: number, code: number, w1: number, w2: number, len: number): void {
  store8(p + IcmpField.Type, type);
  store8(p + IcmpField.Code, code);
  setBe16(p + IcmpField.Ident, w1);
  setBe16(p + IcmpField.Seq, w2);
  icmpFillChecksum(p, len);
}

export function icmpFillChecksum(p: number, len: number): void {
  setBe16(p + IcmpField.Checksum, 0);
  setBe16(p + IcmpField.Checksum, csumFinish(csumAdd(0, p, len)));
}

export function icmpClearRest(p: number): void {
  setBe32(p + IcmpField.Rest, 0);
}

/** RFC 792 / RFC 1122 §3.2.2: the error messages (which quote a datagram and never provoke another error). */
export function icmpIsError(type: number): boolean {
  return type === IcmpType.DestUnreachable || type === IcmpType.SourceQuench || type === IcmpType.Redirect ||
    type === IcmpType.TimeExceeded || type === IcmpType.ParameterProblem;
}
