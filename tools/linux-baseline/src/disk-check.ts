// After a storage run, the disk image is checked on the host: fsck.fat -n
// (read-only) must find nothing to fix, and the file the guest wrote, read
// with mtools, must carry the right stamp in every 4 KiB block. This shows
// Linux really wrote a consistent FAT32 volume, and that the unikernel's
// fatfs can later be checked the same way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './exec.js';

/** The 8-byte stamp fsbench writes at the start of 4 KiB block `block` (guest/fsbench.c). */
export function blockStamp(block: number): bigint {
  const m = (1n << 64n) - 1n;
  return ((BigInt(block) * 0x9e3779b97f4a7c15n) & m) ^ 0x4c494e5558424153n;
}

export interface DiskCheck {
  fsck: string;
  fileBytes: number;
  badBlocks: number;
}

export function checkStorageDisk(disk: string, guestFile: string, expectBytes: number): DiskCheck {
  const fsck = run('fsck.fat', ['-n', disk], { hint: 'fsck.fat comes with dosfstools.' }).stdout.trim();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'linux-baseline-check-'));
  try {
    const out = path.join(tmp, 'file');
    run('mcopy', ['-n', '-i', disk, `::${path.posix.basename(guestFile)}`, out], { hint: 'mcopy comes with mtools.' });
    const data = fs.readFileSync(out);
    let bad = data.length === expectBytes ? 0 : 1;
    for (let o = 0; o + 8 <= data.length; o += 4096) if (data.readBigUInt64LE(o) !== blockStamp(o / 4096)) bad++;
    return { fsck, fileBytes: data.length, badBlocks: bad };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
