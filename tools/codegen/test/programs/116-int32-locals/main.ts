// A `number` local that only holds ToInt32 results, or is only read through
// bitwise operators, is an int32_t in C (int32-locals.ts). Each variable here
// prints what JS gives; the ones that must stay int64_t (a wider value read as
// a number, an assignment's value used, ++, a closure capturing it) hold
// values an int32_t would get wrong.
import { kprint, load8, allocBytes, store8, freeBytes } from '@unishyper/rt';

function twice(f: () => void): void {
  f();
  f();
}

export function main(): void {
  // Only ToInt32 results: read as plain numbers too.
  let h = 0;
  for (let i = 0; i < 40; i++) h = (h << 3) ^ (h >> 29) ^ i;
  h = ((h | 1) << 31) ^ 0x1234;
  kprint`h ${h} ${h + 1} ${h - 1}\n`;

  // Starts above int32 but only read bitwise: a CRC.
  const buf = allocBytes(4, 1);
  store8(buf, 0x31);
  store8(buf + 1, 0x32);
  store8(buf + 2, 0xff);
  store8(buf + 3, 0x80);
  let crc = 0xffffffff;
  kprint`start ${crc >>> 0} ${crc | 0} ${~crc}\n`;
  for (let i = 0; i < 4; i++) {
    crc ^= load8(buf + i);
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  kprint`crc ${(crc ^ 0xffffffff) >>> 0}\n`;
  freeBytes(buf);

  // Above int32 and read as a number: stays int64.
  let wide = 0xffffffff;
  wide = wide ^ 1;
  kprint`wide ${wide} then ${(wide = 0x1ffffffff) + 1}\n`;

  // An assignment's value used: stays int64 (the value is 4294967295, not -1).
  let v = 1;
  const seen = (v = 0xffffffff) + 0;
  kprint`seen ${seen} ${v >>> 0}\n`;

  // ++ and closures: stay int64.
  let n = 0x7fffffff;
  n++;
  kprint`n ${n}\n`;
  let c = 0x7fffffff;
  twice(() => {
    c = c ^ 0x40000000;
  });
  kprint`c ${c + 1}\n`;
}
