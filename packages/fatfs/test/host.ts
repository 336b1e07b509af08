/**
 * Node-only test helpers: FAT images made by the host's mkfs.fat and mtools,
 * loaded into simulated RAM as a RamDisk, mounted with FatFs, and copied back
 * out for fsck.fat and mtools to check; plus a deterministic tree of files.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Rng } from '@unishyper/codegen/testing';
import { allocBytes, freeBytes } from '@unishyper/rt';
import { liveAllocations, readMemory, resetMachine, writeMemory } from '@unishyper/rt/sim';
import { initScheduler, resetScheduler } from '@unishyper/sched';
import { Mutex } from '@unishyper/sync';
import { DirEntry, OpenFlags } from '@unishyper/vfs';
import { FatFs, FixedClock, MountOptions, MountStatus, RamDisk } from '../src/index';

export { allocBytes, freeBytes };

export const RAM_BASE = 0x4000_0000;
export const HEAP_SIZE = 32 * 1024 * 1024;
export const DISK_BASE = RAM_BASE + HEAP_SIZE;
/** 2025-06-01 12:00:00 UTC: the fixed clock of the tests. */
export const TEST_NOW = 1748779200;

export const MTOOLS_ENV = { ...process.env, MTOOLS_SKIP_CHECK: '1', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TZ: 'UTC' };

export function tmpDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `fatfs-${tag}-`));
}

export function run(cmd: string, args: string[], input?: Buffer): { status: number; stdout: string; stderr: string; bytes: Buffer } {
  const r = spawnSync(cmd, args, { env: MTOOLS_ENV, input, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), bytes: r.stdout };
}

export function must(cmd: string, args: string[]): string {
  const r = run(cmd, args);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** The mkfs.fat arguments used for each FAT type (sizes in KiB). */
export function mkfs(file: string, type: 12 | 16 | 32, extra: string[] = []): void {
  const size = type === 12 ? 1440 : type === 16 ? 8192 : 34000;
  const spc = type === 12 ? ['-s', '1'] : type === 16 ? ['-s', '2'] : ['-s', '1'];
  fs.rmSync(file, { force: true });
  must('mkfs.fat', ['-C', '-F', String(type), ...spc, '-n', `VOL${type}`, ...extra, file, String(size)]);
}

export function fsck(file: string): { ok: boolean; out: string } {
  const r = run('fsck.fat', ['-n', '-v', file]);
  const out = r.stdout + r.stderr;
  const ok = r.status === 0 && !/(mismatch|differ|Wrong|wrong|invalid|Invalid|lost|Lost|cross-linked|Cross-linked|too many|Too many|Free cluster summary|Orphan|orphan|bad|Bad|has no|Contains a free|points to)/.test(out.replace(/^fsck\.fat.*$/m, '').replace(/^Checking.*$/gm, ''));
  return { ok, out };
}

/** A file of the test tree: path relative to the image root (with '/'), and its bytes. */
export interface TreeFile {
  path: string;
  data: Uint8Array;
}

const NAMES = [
  'readme.txt', 'README2.TXT', 'Mixed Case Name.txt', 'a', 'x.y', 'long name with spaces and more than 8.3 characters.data',
  'café.txt', 'Ünïcödé-ñame.bin', 'Тест файл.txt', '日本語のファイル名.txt', 'multi.dot.name.tar.gz', 'UPPER.TXT', 'lower.txt',
  'MiXeD.TxT', '-dash_underscore~tilde.txt', 'trailing space .txt', '12345678.123', '123456789.1234', 'same prefix 1.txt', 'same prefix 2.txt',
];

/**
 * A deterministic tree: `dirs` nested directories holding files whose sizes
 * cover the edges (0, 1, one sector, one cluster +-1, several clusters).
 */
export function makeTree(seed: number, count: number, clusterSize: number, maxSize: number): { dirs: string[]; files: TreeFile[] } {
  const rng = new Rng(seed);
  const dirs = ['Sub Dir', 'Sub Dir/Deeper', 'Sub Dir/Deeper/Deepest Ünïcödé', 'docs', 'docs/ÉTÉ', 'empty dir', 'MANY'];
  const sizes = [0, 1, 511, 512, 513, clusterSize - 1, clusterSize, clusterSize + 1, 3 * clusterSize + 17];
  const files: TreeFile[] = [];
  const used = new Set<string>();
  for (let i = 0; files.length < count; i++) {
    const dir = i < 40 ? dirs[i % 5]! : i % 3 === 0 ? 'MANY' : rng.pick(dirs.filter((d) => d !== 'empty dir'));
    const base = i < NAMES.length ? NAMES[i]! : rng.below(3) === 0 ? `f${i}.dat` : `File number ${i} ${rng.pick(['é', 'x', 'Long', 'ß'])}.${rng.pick(['txt', 'bin', 'jpeg', 'c'])}`;
    const p = dir === '' ? base : `${dir}/${base}`;
    const key = p.toUpperCase();
    if (used.has(key)) continue;
    used.add(key);
    let size = i < sizes.length * 2 ? sizes[i % sizes.length]! : rng.below(4) === 0 ? rng.below(maxSize) : rng.below(2048);
    if (size > maxSize) size = maxSize;
    const data = new Uint8Array(size);
    for (let k = 0; k < size; k++) data[k] = (rng.next() >>> 8) & 0xff;
    files.push({ path: p, data });
  }
  return { dirs, files };
}

/** Writes the tree to a host directory and copies it into the image with mmd/mcopy. */
export function mcopyTree(image: string, tree: { dirs: string[]; files: TreeFile[] }): void {
  const root = tmpDir('tree');
  for (const d of tree.dirs) fs.mkdirSync(path.join(root, d), { recursive: true });
  for (const f of tree.files) fs.writeFileSync(path.join(root, f.path), f.data);
  const tops = fs.readdirSync(root).map((n) => path.join(root, n));
  must('mcopy', ['-s', '-Q', '-i', image, ...tops, '::/']);
  fs.rmSync(root, { recursive: true, force: true });
}

/** A fresh simulated machine with the scheduler (for the volume Mutex). */
export function freshMachine(diskBytes: number): void {
  resetMachine({ ramBase: RAM_BASE, ramSize: HEAP_SIZE + diskBytes + 1024 * 1024, heapBase: RAM_BASE, heapSize: HEAP_SIZE });
  resetScheduler();
  initScheduler();
  // The volume lock belongs to the machine (a Mutex is never freed), made before any leak snapshot.
  machineLock = new Mutex('fatfs');
}

let machineLock: Mutex | null = null;

/** Loads the image file into simulated RAM at DISK_BASE and returns a RamDisk over it (512-byte blocks). */
export function loadImage(file: string): RamDisk {
  const bytes = fs.readFileSync(file);
  freshMachine(bytes.length);
  writeMemory(DISK_BASE, bytes);
  return RamDisk.at(DISK_BASE, 512, bytes.length >> 9, false);
}

/** Writes the RamDisk's bytes to `file`. */
export function saveImage(disk: RamDisk, file: string): void {
  fs.writeFileSync(file, readMemory(disk.base, disk.blockCount() * disk.blockSize()));
}

export class Mounted {
  readonly clock = new FixedClock(TEST_NOW);
  readonly lock = machineLock!;
  fs: FatFs;
  constructor(readonly disk: RamDisk, cacheSectors = 64) {
    const opts = new MountOptions(this.lock, this.clock);
    opts.cacheSectors = cacheSectors;
    const st = new MountStatus();
    const f = FatFs.mount(disk, opts, st);
    if (f === null) throw new Error(`mount failed: ${st.error}`);
    this.fs = f;
  }
}

/** Live heap allocations now, as a set of addresses (leak checks compare before and after). */
export function liveSet(): Set<number> {
  return new Set(liveAllocations().map((l) => l.addr));
}

export function leaksSince(before: Set<number>): string[] {
  return liveAllocations().filter((l) => !before.has(l.addr)).map((l) => `${l.size} bytes at 0x${l.addr.toString(16)}`);
}

/** Lists directory `p` (sorted names -> type). */
export function listDir(f: FatFs, p: string): Map<string, number> {
  const h = f.open(p, OpenFlags.Read);
  check(h >= 0, `open ${p}: ${h}`);
  const out = new Map<string, number>();
  const e = new DirEntry();
  for (let i = 0; ; i++) {
    const r = f.readdir(h, i, e);
    check(r >= 0, `readdir ${p} ${i}: ${r}`);
    if (r === 0) break;
    out.set(e.name.toString(), e.type);
  }
  e[Symbol.dispose]();
  check(f.close(h) === 0, `close ${p}`);
  return out;
}

export function readAll(f: FatFs, p: string): Uint8Array {
  const h = f.open(p, OpenFlags.Read);
  if (h < 0) throw new Error(`open ${p}: ${h}`);
  const size = f.size(h);
  const buf = allocBytes(Math.max(size, 1), 16);
  // Odd-sized reads exercise sector and cluster boundaries.
  let done = 0;
  let step = 1;
  while (done < size) {
    const n = f.read(h, done, buf + done, Math.min(step, size - done));
    if (n <= 0) throw new Error(`read ${p} at ${done}: ${n}`);
    done += n;
    step = step * 3 + 7;
  }
  check(f.read(h, size, buf, 10) === 0, `read past the end of ${p}`);
  const out = readMemory(buf, size);
  freeBytes(buf);
  check(f.close(h) === 0, `close ${p}`);
  return out;
}

export function writeFile(f: FatFs, p: string, data: Uint8Array, chunk: number): void {
  const h = f.open(p, OpenFlags.Write | OpenFlags.Create | OpenFlags.Truncate);
  if (h < 0) throw new Error(`create ${p}: ${h}`);
  const buf = allocBytes(Math.max(data.length, 1), 16);
  writeMemory(buf, data);
  let done = 0;
  while (done < data.length) {
    const n = f.write(h, done, buf + done, Math.min(chunk, data.length - done));
    if (n <= 0) throw new Error(`write ${p} at ${done}: ${n}`);
    done += n;
  }
  freeBytes(buf);
  check(f.close(h) === 0, `close ${p}`);
}


/** Throws when `cond` is false (usable outside vitest, by the fuzz command). */
export function check(cond: boolean, msg: string): void {
  if (!cond) throw new Error(msg);
}
