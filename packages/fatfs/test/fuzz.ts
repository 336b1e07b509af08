/**
 * The fuzz driver (Node only), shared by test/fuzz.test.ts (a few thousand
 * cases in `pnpm test`) and test/fuzz-cli.ts (`pnpm --filter
 * @unishyper/fatfs fuzz -- --cases 100000`).
 *
 * Each case takes a pristine image (mkfs.fat + mcopy: nested directories,
 * long names, files of several clusters) already in simulated RAM, mutates
 * it (bit flips, byte runs, corrupted BPB fields, FAT entries pointing
 * anywhere or at themselves, directory entries copied over others, a disk
 * that fails beyond some block), mounts it, walks every directory, reads
 * every file (bounded), creates, writes, renames, truncates, unlinks and
 * removes, syncs and unmounts. Any exception (a kernel panic, a JS error), a
 * device access outside the disk, or heap left allocated after unmount fails
 * the case; its number and seed are in the message so it can be replayed.
 * Work per case is bounded by construction (walk depth and breadth, read
 * sizes), so a hang in fatfs shows as the test timing out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Rng } from '@unishyper/codegen/testing';
import { allocBytes, freeBytes, memset } from '@unishyper/rt';
import { captureConsole, catchPanic, readMemory, writeMemory } from '@unishyper/rt/sim';
import { DirEntry, NodeType, OpenFlags, Stat } from '@unishyper/vfs';
import type { BlockDevice } from '../src/block-device';
import { FatFs } from '../src/index';
import { DISK_BASE, freshMachine, leaksSince, liveSet, makeTree, mcopyTree, mkfs, Mounted, tmpDir } from './host';

/** A RAM disk that remembers which blocks were written (to restore them) and refuses out-of-range access loudly. */
class TrackingDisk implements BlockDevice {
  failFrom = -1;
  outOfRange = '';
  readonly written = new Set<number>();
  constructor(readonly base: number, readonly blocks: number) {}
  blockSize(): number {
    return 512;
  }
  blockCount(): number {
    return this.blocks;
  }
  readOnly(): boolean {
    return false;
  }
  read(block: number, count: number, buf: number): number {
    if (count <= 0 || block < 0 || block + count > this.blocks) {
      this.outOfRange = `read of ${count} blocks at ${block}`;
      return -22;
    }
    if (this.failFrom >= 0 && block + count > this.failFrom) return -5;
    writeMemory(buf, readMemory(this.base + block * 512, count * 512));
    return 0;
  }
  write(block: number, count: number, buf: number): number {
    if (count <= 0 || block < 0 || block + count > this.blocks) {
      this.outOfRange = `write of ${count} blocks at ${block}`;
      return -22;
    }
    if (this.failFrom >= 0 && block + count > this.failFrom) return -5;
    for (let i = 0; i < count; i++) this.written.add(block + i);
    writeMemory(this.base + block * 512, readMemory(buf, count * 512));
    return 0;
  }
  flush(): number {
    return 0;
  }
}

export interface FuzzImage {
  type: 12 | 16 | 32;
  pristine: Buffer;
  /** Byte ranges worth mutating: [start, end) of boot+FAT+root, and of directory clusters. */
  metaEnd: number;
}

/** Builds the pristine image of one FAT type. */
export function buildFuzzImage(type: 12 | 16 | 32): FuzzImage {
  const dir = tmpDir(`fuzz${type}`);
  const img = path.join(dir, 'f.img');
  if (type === 12) mkfs(img, 12);
  else if (type === 16) mkfs(img, 16);
  else mkfs(img, 32);
  const tree = makeTree(type + 99, 60, 512, 6000);
  mcopyTree(img, tree);
  const pristine = fs.readFileSync(img);
  fs.rmSync(dir, { recursive: true, force: true });
  const rsvd = pristine.readUInt16LE(14);
  const nfats = pristine[16]!;
  const fatSz = pristine.readUInt16LE(22) || pristine.readUInt32LE(36);
  const rootSecs = Math.ceil((pristine.readUInt16LE(17) * 32) / 512);
  // Metadata plus the first data clusters (where mcopy put the directories).
  const metaEnd = (rsvd + nfats * fatSz + rootSecs) * 512 + 64 * 1024;
  return { type, pristine, metaEnd };
}

/** Sets up the machine for `img` (once per image; cases restore what they change). */
export function loadFuzzImage(img: FuzzImage): TrackingDisk {
  freshMachine(img.pristine.length);
  writeMemory(DISK_BASE, img.pristine);
  return new TrackingDisk(DISK_BASE, img.pristine.length >> 9);
}

function mutate(rng: Rng, img: FuzzImage, disk: TrackingDisk, touched: Array<[number, number]>): string {
  const put = (off: number, bytes: Uint8Array): void => {
    if (off < 0 || off + bytes.length > img.pristine.length) return;
    writeMemory(DISK_BASE + off, bytes);
    touched.push([off, bytes.length]);
  };
  const kinds: string[] = [];
  const n = 1 + rng.below(4);
  for (let k = 0; k < n; k++) {
    const kind = rng.below(9);
    const where = rng.below(3) === 0 ? rng.below(img.metaEnd) : rng.below(Math.min(img.metaEnd, 16384));
    if (kind === 0) {
      // bit flips
      const off = where;
      const b = readMemory(DISK_BASE + off, 1);
      b[0] ^= 1 << rng.below(8);
      put(off, b);
      kinds.push(`flip@${off}`);
    } else if (kind === 1) {
      const len = 1 + rng.below(64);
      const b = new Uint8Array(len);
      const fill = rng.pick([0, 0xff, -1]);
      for (let i = 0; i < len; i++) b[i] = fill < 0 ? rng.next() & 0xff : fill;
      put(where, b);
      kinds.push(`run${len}@${where}`);
    } else if (kind === 2) {
      // a BPB field: 1, 2 or 4 bytes at a field offset, set to an edge value
      const field = rng.pick([11, 13, 14, 16, 17, 19, 21, 22, 32, 36, 40, 42, 44, 48, 510]);
      const width = field === 13 || field === 16 || field === 21 ? 1 : field === 32 || field === 36 || field === 44 ? 4 : 2;
      const v = rng.pick([0, 1, 2, 3, 0x7f, 0x80, 0xff, 0xffff, 0xffffffff, rng.next()]);
      const b = new Uint8Array(width);
      for (let i = 0; i < width; i++) b[i] = (v >>> (8 * i)) & 0xff;
      put(field, b);
      kinds.push(`bpb${field}=${v}`);
    } else if (kind === 3 || kind === 4) {
      // a FAT entry: random, itself, a small cluster (loops), end, free, beyond the volume
      const pr = img.pristine;
      const fatStart = pr.readUInt16LE(14) * 512;
      const c = 2 + rng.below(200);
      const target = rng.pick([c, c - 1 > 1 ? c - 1 : 2, 2 + rng.below(8), 0, 0x0fffffff, 0x0ffffff7, 0x0ffffff0, rng.next()]);
      if (img.type === 32) {
        const b = new Uint8Array(4);
        for (let i = 0; i < 4; i++) b[i] = (target >>> (8 * i)) & 0xff;
        put(fatStart + c * 4, b);
      } else if (img.type === 16) {
        put(fatStart + c * 2, new Uint8Array([target & 0xff, (target >>> 8) & 0xff]));
      } else {
        const off = fatStart + c + (c >> 1);
        const cur = readMemory(DISK_BASE + off, 2);
        const v = cur[0]! | (cur[1]! << 8);
        const nv = (c & 1) !== 0 ? (v & 0x000f) | ((target & 0xfff) << 4) : (v & 0xf000) | (target & 0xfff);
        put(off, new Uint8Array([nv & 0xff, (nv >>> 8) & 0xff]));
      }
      kinds.push(`fat[${c}]=${target}`);
    } else if (kind === 5) {
      // copy one 32-byte entry over another within the metadata
      const from = rng.below(img.metaEnd >> 5) << 5;
      const to = rng.below(img.metaEnd >> 5) << 5;
      put(to, readMemory(DISK_BASE + from, 32));
      kinds.push(`entry${from}->${to}`);
    } else if (kind === 6) {
      // a directory entry's cluster or size
      const at = (where >> 5) << 5;
      const field = rng.pick([20, 26, 28, 11, 0, 13]);
      const b = new Uint8Array(field === 28 ? 4 : 2);
      for (let i = 0; i < b.length; i++) b[i] = rng.next() & 0xff;
      put(at + field, b);
      kinds.push(`dirent${at}+${field}`);
    } else if (kind === 7) {
      disk.failFrom = rng.below(img.pristine.length >> 9);
      kinds.push(`fail>=${disk.failFrom}`);
    } else {
      const off = rng.below(img.pristine.length);
      put(off, new Uint8Array([rng.next() & 0xff]));
      kinds.push(`byte@${off}`);
    }
  }
  return kinds.join(' ');
}

function walk(f: FatFs, dir: string, depth: number, rng: Rng, e: DirEntry, st: Stat, buf: number, found: string[]): void {
  if (depth > 6) return;
  const h = f.open(dir, OpenFlags.Read);
  if (h < 0) return;
  for (let i = 0; i < 200; i++) {
    const r = f.readdir(h, i, e);
    if (r <= 0) break;
    const name = e.name.toString();
    if (name === '' || name.includes('/') || name === '.' || name === '..') continue;
    const child = dir === '' ? name : `${dir}/${name}`;
    if (Buffer.byteLength(child) > 1000) continue;
    f.stat(child, st);
    if (e.type === NodeType.Directory) {
      walk(f, child, depth + 1, rng, e, st, buf, found);
    } else {
      found.push(child);
      const fh = f.open(child, OpenFlags.Read);
      if (fh >= 0) {
        const size = f.size(fh);
        f.read(fh, 0, buf, 16384);
        if (size > 0) f.read(fh, rng.below(size), buf, 4096);
        f.fstat(fh, st);
        f.close(fh);
      }
    }
  }
  f.close(h);
}

/** The console output of the last case (for statistics). */
export let lastOutput = '';

/** Runs one case; returns null when it passed, else what went wrong. */
export function fuzzCase(img: FuzzImage, disk: TrackingDisk, seed: number): string | null {
  const rng = new Rng(seed);
  const touched: Array<[number, number]> = [];
  disk.failFrom = -1;
  disk.outOfRange = '';
  disk.written.clear();
  let what = '';
  let problem: string | null = null;
  const before = liveSet();
  const out = captureConsole(() => {
    what = mutate(rng, img, disk, touched);
    const panic = catchPanic(() => {
      let m: Mounted;
      try {
        m = new Mounted(disk as never, 8 + rng.below(32));
      } catch {
        return; // the mount refused the image: fine
      }
      const f = m.fs;
      const e = new DirEntry();
      const st = new Stat();
      const buf = allocBytes(16384, 16);
      memset(buf, 0x33, 16384);
      const found: string[] = [];
      walk(f, '', 0, rng, e, st, buf, found);
      // Changes.
      const h = f.open('fuzz new file.txt', OpenFlags.ReadWrite | OpenFlags.Create);
      if (h >= 0) {
        f.write(h, rng.below(3000), buf, 1 + rng.below(9000));
        f.truncate(h, rng.below(5000));
        f.close(h);
      }
      f.mkdir('fuzz dir');
      if (found.length > 0) {
        const a = found[rng.below(found.length)]!;
        f.rename(a, 'fuzz dir/moved');
        const b = found[rng.below(found.length)]!;
        const hb = f.open(b, OpenFlags.ReadWrite);
        if (hb >= 0) {
          f.write(hb, rng.below(20000), buf, 1 + rng.below(4000));
          f.truncate(hb, rng.below(3000));
          f.close(hb);
        }
        f.unlink(found[rng.below(found.length)]!);
        const d = found[rng.below(found.length)]!;
        if (d.includes('/')) f.rmdir(d.slice(0, d.lastIndexOf('/')));
      }
      f.rmdir('fuzz dir');
      f.sync();
      f.unmount();
      freeBytes(buf);
      e[Symbol.dispose]();
    });
    if (panic !== null) problem = `kernel panic: ${panic}`;
  });
  lastOutput = out;
  if (problem === null && disk.outOfRange !== '') problem = `device access outside the disk: ${disk.outOfRange}`;
  if (problem === null) {
    const leaks = leaksSince(before);
    if (leaks.length > 0) problem = `leaked after unmount: ${leaks.join(', ')}`;
  }
  // Restore the pristine image where this case changed it.
  for (const [off, len] of touched) writeMemory(DISK_BASE + off, img.pristine.subarray(off, off + len));
  for (const b of disk.written) writeMemory(DISK_BASE + b * 512, img.pristine.subarray(b * 512, b * 512 + 512));
  if (problem !== null) return `FAT${img.type} case seed ${seed} (${what}): ${problem}\n--- console ---\n${out.slice(-2000)}`;
  return null;
}

/** Runs `cases` cases per FAT type from `seed`; returns the failures (at most `maxFailures`) and the console lines seen. */
export function runFuzz(types: Array<12 | 16 | 32>, cases: number, seed: number, maxFailures: number, progress: (msg: string) => void): string[] {
  const failures: string[] = [];
  for (const type of types) {
    const img = buildFuzzImage(type);
    const disk = loadFuzzImage(img);
    const t0 = Date.now();
    for (let i = 0; i < cases; i++) {
      const r = fuzzCase(img, disk, (seed + i * 7919 + type * 104729) >>> 0 || 1);
      if (r !== null) {
        failures.push(r);
        if (failures.length >= maxFailures) return failures;
      }
      if ((i + 1) % 1000 === 0) progress(`FAT${type}: ${i + 1}/${cases} cases, ${failures.length} failures, ${Math.round((Date.now() - t0) / 1000)} s`);
    }
  }
  return failures;
}
