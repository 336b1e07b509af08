/**
 * The mount table: which file system serves which part of the tree.
 *
 * Policy: slot 0 is the root file system at "" (canonical "/"), mounted
 * when the table is made and never unmounted. Other file systems are mounted
 * at a canonical directory path; a path belongs to the mount with the
 * longest path that is it or one of its ancestors (component-wise: "/mnt"
 * serves "/mnt" and "/mnt/x", not "/mntx").
 *
 * Invariants, under `lock` (a SpinLock: every critical section is a short
 * scan, nothing sleeps while holding it):
 * - mount paths are distinct;
 * - `users` of a mount counts the calls running in it plus the descriptors
 *   open on it; `acquire` takes one, `drop` gives it back, and `remove`
 *   refuses (EBUSY) while it is not 0 — so a file system is never called
 *   after it has been unmounted;
 * - a mount is not removed while another mount lies inside it (EBUSY).
 * The table does not own the file systems: whoever mounted one releases it
 * after unmount. It owns each mount's copy of its path.
 */
import { allocBytes, FixedArray, freeBytes, memcpy, release, strFromBytes } from '@unishyper/rt';
import { SpinLock } from '@unishyper/sync';
import { Errno } from './errno';
import type { FileSystem } from './file-system';
import { isWithinBytes, PathBuf } from './path';

export class Mount {
  /** The canonical mount path, owned ("" for the root). */
  readonly pathBase: number;
  readonly pathLen: number;
  /** Calls in progress plus open descriptors (under the table's lock). */
  users = 0;

  constructor(path: PathBuf, readonly fs: FileSystem) {
    this.pathLen = path.len;
    this.pathBase = allocBytes(path.len > 0 ? path.len : 1, 1);
    memcpy(this.pathBase, path.base, path.len);
  }

  /** The mount path as a string ("/" for the root); a view natively, valid while mounted. */
  pathText(): string {
    return this.pathLen === 0 ? '/' : strFromBytes(this.pathBase, this.pathLen);
  }

  /** Where the path relative to this mount starts in canonical path `p` (inside this mount). */
  relStart(p: PathBuf): number {
    return p.len === this.pathLen ? p.len : this.pathLen + 1;
  }

  destroy(): void {
    freeBytes(this.pathBase);
  }
}

export class MountTable {
  private readonly lock: SpinLock = new SpinLock('vfs mounts');
  private readonly slots: FixedArray<Mount | null>;

  /** `capacity` mounts at most, the root included. */
  constructor(root: FileSystem, capacity: number) {
    this.slots = new FixedArray<Mount | null>(capacity < 1 ? 1 : capacity, null);
    const rootPath = new PathBuf();
    this.slots.set(0, new Mount(rootPath, root));
    rootPath.destroy();
    release(rootPath);
  }

  /** The mount serving canonical path `p`, with one use taken (give it back with `drop`). */
  acquire(p: PathBuf): Mount {
    this.lock.lock();
    let best = this.slots.get(0)!;
    for (let i = 1; i < this.slots.length; i++) {
      const m = this.slots.get(i);
      if (m !== null && m.pathLen > best.pathLen && isWithinBytes(p.base, p.len, m.pathBase, m.pathLen)) best = m;
    }
    best.users++;
    this.lock.unlock();
    return best;
  }

  drop(m: Mount): void {
    this.lock.lock();
    m.users--;
    this.lock.unlock();
  }

  /** Takes one more use of `m` (a caller already holding one). */
  retain(m: Mount): void {
    this.lock.lock();
    m.users++;
    this.lock.unlock();
  }

  /** Mounts `fs` at canonical path `p` (the caller checked it is a directory). EBUSY: a mount is there; ENOSPC: the table is full. */
  add(p: PathBuf, fs: FileSystem): number {
    this.lock.lock();
    let free = -1;
    let r = 0;
    for (let i = 0; i < this.slots.length; i++) {
      const m = this.slots.get(i);
      if (m === null) {
        if (free < 0) free = i;
      } else if (m.pathLen === p.len && isWithinBytes(p.base, p.len, m.pathBase, m.pathLen)) {
        r = -Errno.EBUSY;
      }
    }
    if (r === 0 && free < 0) r = -Errno.ENOSPC;
    if (r === 0) this.slots.set(free, new Mount(p, fs));
    this.lock.unlock();
    return r;
  }

  /**
   * Removes the mount at canonical path `p` and returns 0, leaving its file
   * system to the caller. EINVAL: no mount there; EBUSY: the root, a call or
   * descriptor in use, or a mount inside it.
   */
  remove(p: PathBuf): number {
    this.lock.lock();
    let at = -1;
    for (let i = 0; i < this.slots.length; i++) {
      const m = this.slots.get(i);
      if (m !== null && m.pathLen === p.len && isWithinBytes(p.base, p.len, m.pathBase, m.pathLen)) at = i;
    }
    let r = 0;
    if (at < 0) r = -Errno.EINVAL;
    else if (at === 0 || this.slots.get(at)!.users !== 0) r = -Errno.EBUSY;
    else {
      for (let i = 1; i < this.slots.length; i++) {
        const m = this.slots.get(i);
        if (i !== at && m !== null && isWithinBytes(m.pathBase, m.pathLen, p.base, p.len)) r = -Errno.EBUSY;
      }
    }
    if (r === 0) {
      const m = this.slots.get(at)!;
      this.slots.set(at, null);
      m.destroy();
      release(m);
    }
    this.lock.unlock();
    return r;
  }

  /** Whether some mount other than the root is at `p` or inside it (such a path may not be renamed or removed). */
  hasMountWithin(p: PathBuf): boolean {
    this.lock.lock();
    let found = false;
    for (let i = 1; i < this.slots.length; i++) {
      const m = this.slots.get(i);
      if (m !== null && isWithinBytes(m.pathBase, m.pathLen, p.base, p.len)) found = true;
    }
    this.lock.unlock();
    return found;
  }

  /**
   * The `index`-th mount in table order (the root first), with one use
   * taken, or null past the end. For listings; `drop` it when done.
   */
  acquireNth(index: number): Mount | null {
    this.lock.lock();
    let seen = 0;
    let found: Mount | null = null;
    for (let i = 0; i < this.slots.length && found === null; i++) {
      const m = this.slots.get(i);
      if (m !== null) {
        if (seen === index) found = m;
        seen++;
      }
    }
    if (found !== null) found.users++;
    this.lock.unlock();
    return found;
  }

  /** Frees the table (every mount but the root must be gone). */
  destroy(): void {
    for (let i = 0; i < this.slots.length; i++) {
      const m = this.slots.get(i);
      if (m !== null) {
        m.destroy();
        release(m);
      }
    }
    release(this.slots);
    this.lock.destroy();
  }
}

