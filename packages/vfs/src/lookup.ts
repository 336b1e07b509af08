/**
 * Lookups: the per-call state of a path operation — a canonical path buffer
 * (PATH_MAX bytes), the mount serving it with one use taken, and where the
 * file system's relative path starts — preallocated in a small pool so a
 * path call allocates nothing.
 *
 * Policy: `take` sleeps on a semaphore while all `capacity` lookups are in
 * use (only with that many path calls in flight at once); `using l =
 * pool.take()` gives it back at scope exit, dropping the mount use, also
 * when a thread ends inside the scope (the scheduler runs the disposal at
 * join). A caller needing two paths (rename) takes its second from a
 * separate pool, always after its first, so two-path calls cannot deadlock
 * against one-path calls.
 */
import { FixedArray, release, strFromBytes } from '@unishyper/rt';
import { Semaphore, SpinLock } from '@unishyper/sync';
import { Stat, type FileSystem } from './file-system';
import { Mount, MountTable } from './mount-table';
import { PathBuf } from './path';

export class Lookup {
  readonly path: PathBuf = new PathBuf();
  /** Scratch for checks the vfs makes itself (is it a directory?). */
  readonly stat: Stat = new Stat();
  /** The mount serving `path`, while a use of it is held. */
  mount: Mount | null = null;
  /** Offset in `path` where the mount-relative path starts. */
  rel = 0;

  constructor(private readonly pool: LookupPool) {}

  /** Takes a use of the mount serving the (normalised) path. */
  resolveMount(mounts: MountTable): void {
    const m = mounts.acquire(this.path);
    this.mount = m;
    this.rel = m.relStart(this.path);
  }

  fs(): FileSystem {
    return this.mount!.fs;
  }

  /** The path relative to the mount, "" for its root: valid until this lookup changes or goes back. */
  relPath(): string {
    return strFromBytes(this.path.base + this.rel, this.path.len - this.rel);
  }

  /** Whether the path is the root of its mount. */
  atMountRoot(): boolean {
    return this.rel === this.path.len;
  }

  [Symbol.dispose](): void {
    this.pool.give(this);
  }
}

export class LookupPool {
  private readonly free: Semaphore;
  private readonly lock: SpinLock = new SpinLock('vfs lookups');
  /** Free lookups on a stack: slots [0, top) hold them. */
  private readonly stack: FixedArray<Lookup | null>;
  private top: number;

  constructor(readonly capacity: number, private readonly mounts: MountTable) {
    this.free = new Semaphore('vfs lookups', this.capacity, this.capacity);
    this.stack = new FixedArray<Lookup | null>(this.capacity, null);
    for (let i = 0; i < this.capacity; i++) this.stack.set(i, new Lookup(this));
    this.top = this.capacity;
  }

  /** A free lookup (sleeps while none is). */
  take(): Lookup {
    this.free.acquire();
    this.lock.lock();
    this.top = this.top - 1;
    const l = this.stack.get(this.top)!;
    this.stack.set(this.top, null);
    this.lock.unlock();
    return l;
  }

  /** Drops the lookup's mount use and puts it back. */
  give(l: Lookup): void {
    if (l.mount !== null) {
      this.mounts.drop(l.mount);
      l.mount = null;
    }
    this.lock.lock();
    this.stack.set(this.top, l);
    this.top = this.top + 1;
    this.lock.unlock();
    this.free.release();
  }

  inUse(): number {
    return this.capacity - this.top;
  }

  /** Frees every lookup (none may be in use). */
  destroy(): void {
    for (let i = 0; i < this.top; i++) {
      const l = this.stack.get(i)!;
      l.path.destroy();
      release(l.path);
      release(l.stat);
      release(l);
    }
    release(this.stack);
    this.lock.destroy();
  }
}
