// The "newc" cpio format (SVR4, no CRC), which is what the Linux kernel
// unpacks as an initramfs. Written here rather than shelling out to cpio(1)
// because the build machine need not have it, and the format is small.
//
// An archive is a list of entries, each a 110-byte ASCII header ("070701"
// and 13 eight-digit hex fields), the NUL-terminated name padded to a
// multiple of 4 bytes (counting the header), then the data padded to 4. It
// ends with an entry named TRAILER!!!.

export type CpioEntry =
  | { type: 'dir'; path: string; mode?: number }
  | { type: 'file'; path: string; data: Uint8Array; mode?: number }
  | { type: 'symlink'; path: string; target: string }
  | { type: 'char'; path: string; major: number; minor: number; mode?: number };

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const S_IFCHR = 0o020000;
export const CPIO_MAGIC = '070701';
export const CPIO_TRAILER = 'TRAILER!!!';

const pad4 = (n: number) => (4 - (n % 4)) % 4;
const hex8 = (n: number) => {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`cpio header field out of range: ${n}`);
  return n.toString(16).padStart(8, '0');
};

function header(fields: { ino: number; mode: number; nlink: number; size: number; rdevMajor: number; rdevMinor: number; nameSize: number }): string {
  // ino mode uid gid nlink mtime filesize devmajor devminor rdevmajor rdevminor namesize check.
  // uid/gid 0 (root owns everything in the initramfs); mtime 0 so the archive is reproducible.
  return (
    CPIO_MAGIC +
    [fields.ino, fields.mode, 0, 0, fields.nlink, 0, fields.size, 0, 0, fields.rdevMajor, fields.rdevMinor, fields.nameSize, 0].map(hex8).join('')
  );
}

/** Archive names have no leading slash ("bin/busybox"); "." is the root. */
function archiveName(p: string): string {
  const name = p.replace(/^\/+/, '').replace(/\/+$/, '');
  if (name === '' || name.split('/').some((s) => s === '..' || s === '')) throw new Error(`bad cpio path '${p}'`);
  return name;
}

/** Builds a newc archive. Parent directories must be listed before their contents (the kernel does not create them). */
export function writeCpio(entries: CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  const push = (b: Buffer) => {
    parts.push(b);
    offset += b.length;
  };
  const emit = (name: string, mode: number, nlink: number, data: Uint8Array, rdevMajor = 0, rdevMinor = 0, ino = 0) => {
    const nameBytes = Buffer.from(`${name}\0`, 'utf8');
    push(Buffer.from(header({ ino, mode, nlink, size: data.length, rdevMajor, rdevMinor, nameSize: nameBytes.length }), 'ascii'));
    push(nameBytes);
    push(Buffer.alloc(pad4(offset)));
    push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    push(Buffer.alloc(pad4(offset)));
  };
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    const name = archiveName(e.path);
    if (seen.has(name)) throw new Error(`duplicate cpio path '${name}'`);
    seen.add(name);
    // Distinct inode numbers: the kernel treats entries with the same ino and nlink > 1 as hard links.
    const ino = i + 1;
    switch (e.type) {
      case 'dir':
        return emit(name, S_IFDIR | (e.mode ?? 0o755), 2, new Uint8Array(), 0, 0, ino);
      case 'file':
        return emit(name, S_IFREG | (e.mode ?? 0o644), 1, e.data, 0, 0, ino);
      case 'symlink':
        return emit(name, S_IFLNK | 0o777, 1, Buffer.from(e.target, 'utf8'), 0, 0, ino);
      case 'char':
        return emit(name, S_IFCHR | (e.mode ?? 0o600), 1, new Uint8Array(), e.major, e.minor, ino);
    }
  });
  emit(CPIO_TRAILER, 0, 1, new Uint8Array());
  return Buffer.concat(parts);
}

export interface CpioRecord {
  name: string;
  mode: number;
  ino: number;
  nlink: number;
  rdevMajor: number;
  rdevMinor: number;
  data: Buffer;
}

/** Reads a newc archive back (for tests, and to inspect a built initramfs). Stops at the trailer. */
export function readCpio(archive: Buffer): CpioRecord[] {
  const out: CpioRecord[] = [];
  let off = 0;
  for (;;) {
    if (off + 110 > archive.length) throw new Error(`cpio: truncated header at offset ${off}`);
    const magic = archive.toString('ascii', off, off + 6);
    if (magic !== CPIO_MAGIC) throw new Error(`cpio: bad magic '${magic}' at offset ${off}`);
    const field = (k: number) => parseInt(archive.toString('ascii', off + 6 + 8 * k, off + 14 + 8 * k), 16);
    const [ino, mode, nlink, size, rdevMajor, rdevMinor, nameSize] = [field(0), field(1), field(4), field(6), field(9), field(10), field(11)];
    let p = off + 110;
    const name = archive.toString('utf8', p, p + nameSize - 1);
    if (archive[p + nameSize - 1] !== 0) throw new Error(`cpio: name at offset ${p} is not NUL-terminated`);
    p += nameSize;
    p += pad4(p);
    if (name === CPIO_TRAILER) return out;
    if (p + size > archive.length) throw new Error(`cpio: truncated data for '${name}'`);
    out.push({ name, mode, ino, nlink, rdevMajor, rdevMinor, data: archive.subarray(p, p + size) });
    p += size;
    off = p + pad4(p);
  }
}
