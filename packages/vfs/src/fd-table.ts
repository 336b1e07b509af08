/**
 * The descriptor table: small integers (0, 1, 2, ...; the lowest free one
 * first, as POSIX says) naming open files.
 *
 * An OpenFile is one open of a node: its mount (holding one use of it, so
 * the file system cannot be unmounted under it), the file system's handle,
 * the open flags, and the offset (for a directory, the next entry's index).
 * OpenFiles are made once, with the table, and recycled.
 *
 * Invariants, under `lock` (a SpinLock: short sections, nothing sleeps in
 * them):
 * - a slot is null, or holds an OpenFile that is `ready` (fully opened) or
 *   reserved by an open in progress (not ready: EBADF to everyone else);
 * - `refs` counts the table's reference (while in a slot) plus one per call
 *   using the file; `get` takes one, `put` gives it back. `close` empties
 *   the slot at once, and the file system's handle is closed by whoever
 *   drops the last reference — so a close racing a read on the same
 *   descriptor never closes the handle under the read.
 * The offset is guarded by the OpenFile's own Mutex, held across the file
 * system call that uses it (a read or write and its offset update are one
 * step; the file system may sleep, so it is a sleeping lock).
 */
import { FixedArray, release } from '@unishyper/rt';
import { Mutex, SpinLock } from '@unishyper/sync';
import { Errno } from './errno';
import type { Mount } from './mount-table';

export class OpenFile {
  mount: Mount | null = null;
  handle = -1;
  flags = 0;
  isDir = false;
  /** Byte offset (files) or next entry index (directories), under `lock`. */
  offset = 0;
  /** Under the table's lock. */
  refs = 0;
  ready = false;
  readonly lock: Mutex = new Mutex('vfs open file');
}

export class FdTable {
  private readonly lock: SpinLock = new SpinLock('vfs descriptors');
  private readonly slots: FixedArray<OpenFile | null>;
  /** Unused OpenFiles on a stack: [0, spareTop). */
  private readonly spare: FixedArray<OpenFile | null>;
  private spareTop: number;

  constructor(readonly capacity: number) {
    this.slots = new FixedArray<OpenFile | null>(this.capacity, null);
    this.spare = new FixedArray<OpenFile | null>(this.capacity, null);
    for (let i = 0; i < this.capacity; i++) this.spare.set(i, new OpenFile());
    this.spareTop = this.capacity;
  }

  /**
   * Reserves the lowest free descriptor with a fresh OpenFile in it (not
   * ready) and returns the descriptor, or -EMFILE. Finish with `publish`
   * or `unreserve`.
   */
  reserve(): number {
    this.lock.lock();
    let fd = -1;
    for (let i = 0; i < this.capacity && fd < 0; i++) if (this.slots.get(i) === null) fd = i;
    if (fd >= 0 && this.spareTop > 0) {
      this.spareTop = this.spareTop - 1;
      const f = this.spare.get(this.spareTop)!;
      this.spare.set(this.spareTop, null);
      f.ready = false;
      f.refs = 1;
      f.offset = 0;
      f.mount = null;
      f.handle = -1;
      this.slots.set(fd, f);
    } else fd = -Errno.EMFILE;
    this.lock.unlock();
    return fd;
  }

  /** The OpenFile reserved at `fd` (the reserving caller's). */
  reserved(fd: number): OpenFile {
    return this.slots.get(fd)!;
  }

  /** Makes the reserved descriptor usable. */
  publish(fd: number): void {
    this.lock.lock();
    this.slots.get(fd)!.ready = true;
    this.lock.unlock();
  }

  /** Gives a reserved descriptor back (its open failed). */
  unreserve(fd: number): void {
    this.lock.lock();
    const f = this.slots.get(fd)!;
    this.slots.set(fd, null);
    this.pushSpare(f);
    this.lock.unlock();
  }

  /** The open file at `fd` with one reference taken, or null (EBADF): out of range, free, or still opening. */
  get(fd: number): OpenFile | null {
    if (fd < 0 || fd >= this.capacity) return null;
    this.lock.lock();
    const f = this.slots.get(fd);
    let r: OpenFile | null = null;
    if (f !== null && f.ready) {
      f.refs++;
      r = f;
    }
    this.lock.unlock();
    return r;
  }

  /** Drops a reference; true when it was the last (the caller then closes the handle and calls `recycle`). */
  put(f: OpenFile): boolean {
    this.lock.lock();
    f.refs--;
    const last = f.refs === 0;
    this.lock.unlock();
    return last;
  }

  /**
   * Empties slot `fd` if it still holds `f` (the caller holds a reference
   * from `get`) and drops the table's reference; false when another close
   * got there first.
   */
  detach(fd: number, f: OpenFile): boolean {
    this.lock.lock();
    const ok = this.slots.get(fd) === f && f.ready;
    if (ok) {
      this.slots.set(fd, null);
      f.refs--;
      f.ready = false;
    }
    this.lock.unlock();
    return ok;
  }

  /** Puts a closed OpenFile back for reuse. */
  recycle(f: OpenFile): void {
    this.lock.lock();
    this.pushSpare(f);
    this.lock.unlock();
  }

  /** Descriptors open now. */
  openCount(): number {
    this.lock.lock();
    let n = 0;
    for (let i = 0; i < this.capacity; i++) if (this.slots.get(i) !== null) n++;
    this.lock.unlock();
    return n;
  }

  private pushSpare(f: OpenFile): void {
    f.mount = null;
    f.handle = -1;
    this.spare.set(this.spareTop, f);
    this.spareTop = this.spareTop + 1;
  }

  /** Frees the table; every descriptor must be closed. */
  destroy(): void {
    for (let i = 0; i < this.spareTop; i++) {
      const f = this.spare.get(i)!;
      f.lock[Symbol.dispose]();
      release(f.lock);
      release(f);
    }
    release(this.spare);
    release(this.slots);
    this.lock.destroy();
  }
}
