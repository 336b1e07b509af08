/**
 * Panic messages without a heap. The allocators report misuse with messages
 * that name addresses and sizes, but string concatenation allocates and the
 * allocator may be the heap itself (or the heap may be exhausted or
 * corrupted). So a message is built byte by byte in a scratch area that each
 * allocator keeps in its own control block, then viewed as a string with
 * `strFromBytes` and handed to `panic`, which never returns:
 *
 *   msgBegin(ctl + SCRATCH, SCRATCH_BYTES, 'double free of ');
 *   msgHex(addr);
 *   panic(msgText());
 *
 * Numbers are formatted as `kprint` prints them (decimal; hex lowercase with
 * a `0x` prefix). Text past the capacity is dropped.
 */
import { idiv, store8, strByteAt, strFromBytes, strLen } from '@unishyper/rt';

let buf = 0;
let cap = 0;
let used = 0;

/** Starts a message in the `capacity` bytes at `scratch` with the text `s`. */
export function msgBegin(scratch: number, capacity: number, s: string): void {
  buf = scratch;
  cap = capacity;
  used = 0;
  msgStr(s);
}

/** Appends the UTF-8 bytes of `s`. */
export function msgStr(s: string): void {
  const n = strLen(s);
  for (let i = 0; i < n; i++) pushByte(strByteAt(s, i));
}

/** Appends `n` in decimal. */
export function msgNum(n: number): void {
  pushDigits(n, 10);
}

/** Appends `n` in lowercase hex with a `0x` prefix. */
export function msgHex(n: number): void {
  pushDigits(n, 16);
}

/** The message built so far (a view of the scratch bytes natively). */
export function msgText(): string {
  return strFromBytes(buf, used);
}

function pushByte(b: number): void {
  if (used < cap) {
    store8(buf + used, b);
    used++;
  }
}

function pushDigits(n: number, radix: number): void {
  let m = n;
  if (n < 0) {
    pushByte(45); // '-'
    m = 0 - n;
  }
  if (radix === 16) {
    pushByte(48); // '0'
    pushByte(120); // 'x'
  }
  let div = 1;
  while (idiv(m, div) >= radix) div = div * radix;
  while (div > 0) {
    const d = idiv(m, div) % radix;
    pushByte(d < 10 ? 48 + d : 87 + d);
    div = idiv(div, radix);
  }
}
