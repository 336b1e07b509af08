// A const object of bit flags (page-table attributes), combined with | and
// tested with &, plus an enum of string-keyed numeric codes.
import { hex, kprint } from '@unishyper/rt';

const Pte = {
  Valid: 1 << 0,
  Table: 1 << 1,
  User: 1 << 6,
  ReadOnly: 1 << 7,
  Access: 1 << 10,
  NotGlobal: 1 << 11,
  Pxn: 1 << 21,
  Uxn: 1 << 22,
} as const;

const Errno = { Ok: 0, NoEnt: 2, Io: 5, NoMem: 12, Inval: 22 } as const;
type Errno = (typeof Errno)[keyof typeof Errno];

function has(attrs: number, flag: number): boolean {
  return (attrs & flag) !== 0;
}

function describe(attrs: number): void {
  kprint`${hex(attrs)}:`;
  if (has(attrs, Pte.Valid)) kprint` valid`;
  if (has(attrs, Pte.Table)) kprint` table`;
  if (has(attrs, Pte.User)) kprint` user`;
  if (has(attrs, Pte.ReadOnly)) kprint` ro`;
  if (has(attrs, Pte.Access)) kprint` af`;
  if (has(attrs, Pte.NotGlobal)) kprint` ng`;
  if (has(attrs, Pte.Pxn)) kprint` pxn`;
  if (has(attrs, Pte.Uxn)) kprint` uxn`;
  kprint`\n`;
}

function errName(e: Errno): string {
  switch (e) {
    case Errno.Ok:
      return 'ok';
    case Errno.NoEnt:
      return 'ENOENT';
    case Errno.Io:
      return 'EIO';
    case Errno.NoMem:
      return 'ENOMEM';
    default:
      return 'EINVAL';
  }
}

function open(path: number): Errno {
  if (path < 0) return Errno.Inval;
  if (path === 0) return Errno.NoEnt;
  if (path > 1000) return Errno.NoMem;
  return Errno.Ok;
}

export function main(): void {
  const kernelCode = Pte.Valid | Pte.Table | Pte.Access | Pte.ReadOnly | Pte.Uxn;
  const userData = Pte.Valid | Pte.Table | Pte.Access | Pte.User | Pte.NotGlobal | Pte.Pxn | Pte.Uxn;
  describe(kernelCode);
  describe(userData);
  describe(userData & ~(Pte.Pxn | Pte.Uxn));
  describe(kernelCode ^ Pte.ReadOnly);
  describe(0);
  kprint`common = ${hex(kernelCode & userData)}\n`;
  for (let p = -1; p <= 2001; p += 1000) {
    const e = open(p);
    kprint`open(${p}) = ${e} ${errName(e)}\n`;
  }
  kprint`io = ${errName(Errno.Io)}\n`;
}
