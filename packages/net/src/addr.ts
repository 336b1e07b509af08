/**
 * Addresses. `IpAddress` holds a family and up to 128 bits in four 32-bit
 * words, so IPv6 (a later issue) fits without changing any signature: IPv4
 * uses word 0 only (RFC 791 §2.3: 32 bits, written a.b.c.d). The hot path
 * works on IPv4 addresses as plain `u32`s (host order of the value, i.e.
 * 10.0.0.2 is 0x0a000002); `IpAddress` is the type of the socket API and of
 * configuration, made once by the caller and filled in place (no allocation
 * per packet). `MacAddress` is a 48-bit value in a `number`.
 */
import { idiv, kprint, u32 } from '@unishyper/rt';

export const AddressFamily = {
  None: 0,
  Ipv4: 4,
  /** Reserved for the IPv6 issue: words 0..3 most significant first. */
  Ipv6: 6,
} as const;

export class IpAddress {
  family: number = AddressFamily.None;
  w0: u32 = u32(0);
  w1: u32 = u32(0);
  w2: u32 = u32(0);
  w3: u32 = u32(0);

  static v4(a: number, b: number, c: number, d: number): IpAddress {
    const ip = new IpAddress();
    ip.setV4(u32(((a & 255) << 24) | ((b & 255) << 16) | ((c & 255) << 8) | (d & 255)));
    return ip;
  }

  static fromV4(v: u32): IpAddress {
    const ip = new IpAddress();
    ip.setV4(v);
    return ip;
  }

  isV4(): boolean {
    return this.family === AddressFamily.Ipv4;
  }

  /** The IPv4 value (0 for a non-IPv4 address). */
  v4(): u32 {
    return this.family === AddressFamily.Ipv4 ? this.w0 : u32(0);
  }

  setV4(v: number): void {
    this.family = AddressFamily.Ipv4;
    this.w0 = u32(v);
    this.w1 = u32(0);
    this.w2 = u32(0);
    this.w3 = u32(0);
  }

  clear(): void {
    this.family = AddressFamily.None;
    this.w0 = u32(0);
    this.w1 = u32(0);
    this.w2 = u32(0);
    this.w3 = u32(0);
  }

  copyFrom(o: IpAddress): void {
    this.family = o.family;
    this.w0 = o.w0;
    this.w1 = o.w1;
    this.w2 = o.w2;
    this.w3 = o.w3;
  }

  equals(o: IpAddress): boolean {
    return this.family === o.family && this.w0 === o.w0 && this.w1 === o.w1 && this.w2 === o.w2 && this.w3 === o.w3;
  }

  /** 0.0.0.0 (or an unset address): "any" in bind. */
  isUnspecified(): boolean {
    return this.family === AddressFamily.None || (this.w0 === 0 && this.w1 === 0 && this.w2 === 0 && this.w3 === 0);
  }
}

/** Prints an IPv4 value as a.b.c.d. */
export function printIpv4(v: number): void {
  kprint`${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

export function printIp(a: IpAddress): void {
  if (a.isV4()) printIpv4(a.w0);
  else kprint`(no address)`;
}

export function ipv4(a: number, b: number, c: number, d: number): u32 {
  return u32(((a & 255) << 24) | ((b & 255) << 16) | ((c & 255) << 8) | (d & 255));
}

/** The netmask of a prefix length 0..32. */
export function prefixMask(prefix: number): u32 {
  if (prefix <= 0) return u32(0);
  if (prefix >= 32) return u32(0xffffffff);
  return u32(~((1 << (32 - prefix)) - 1));
}

export const MAC_BROADCAST = 0xffff_ffff_ffff;

/** Octet `i` (0 = first on the wire) of a MAC address. */
export function macByte(mac: number, i: number): number {
  let v = mac;
  for (let k = 5; k > i; k--) v = idiv(v, 256);
  return v % 256;
}

/** The I/G bit (IEEE 802; RFC 7042 §2.1): group (multicast and broadcast) addresses have it set in the first octet. */
export function macIsMulticast(mac: number): boolean {
  return (macByte(mac, 0) & 1) !== 0;
}


/** Prints a MAC address as aa:bb:cc:dd:ee:ff. */
export function printMac(mac: number): void {
  for (let i = 0; i < 6; i++) {
    const b = macByte(mac, i);
    if (i > 0) kprint`:`;
    kprint`${hexDigit(b >>> 4)}${hexDigit(b & 15)}`;
  }
}

/** The hexadecimal digit for 0..15. */
export function hexDigit(d: number): string {
  switch (d) {
    case 0: return '0';
    case 1: return '1';
    case 2: return '2';
    case 3: return '3';
    case 4: return '4';
    case 5: return '5';
    case 6: return '6';
    case 7: return '7';
    case 8: return '8';
    case 9: return '9';
    case 10: return 'a';
    case 11: return 'b';
    case 12: return 'c';
    case 13: return 'd';
    case 14: return 'e';
  }
  return 'f';
}
