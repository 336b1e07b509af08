/**
 * A consistent snapshot of threads for the shell's `ps`: id, name, state,
 * priority, core, CPU time.
 *
 * The caller owns the buffer (a FixedArray of preallocated ThreadInfo, made
 * once by `newSnapshotBuffer`), so taking a snapshot allocates nothing and
 * can run with the scheduler lock held; printing happens after the lock is
 * dropped, from the copies.
 */
import { FixedArray, release, Vec } from '@unishyper/rt';
import { Thread } from './thread.js';

export class ThreadInfo {
  id: number;
  name: string;
  state: number;
  priority: number;
  core: number;
  cpuTimeNs: number;

  constructor() {
    this.id = 0;
    this.name = '';
    this.state = 0;
    this.priority = 0;
    this.core = -1;
    this.cpuTimeNs = 0;
  }

  copyFrom(t: Thread): void {
    this.id = t.id;
    this.name = t.name;
    this.state = t.state;
    this.priority = t.priority;
    this.core = t.core;
    this.cpuTimeNs = t.cpuTimeNs;
  }
}

/** A buffer of `n` distinct ThreadInfo records. Release each record, then the array, when done (`releaseSnapshotBuffer`). */
export function newSnapshotBuffer(n: number): FixedArray<ThreadInfo> {
  const first = new ThreadInfo();
  const out = new FixedArray<ThreadInfo>(n, first);
  for (let i = 1; i < n; i++) out.set(i, new ThreadInfo());
  if (n === 0) releaseInfo(first);
  return out;
}


function releaseInfo(i: ThreadInfo): void {
  release(i);
}

/** Frees a buffer made by `newSnapshotBuffer`. */
export function releaseSnapshotBuffer(out: FixedArray<ThreadInfo>): void {
  for (let i = 0; i < out.length; i++) release(out.get(i));
  release(out);
}

/**
 * Copies the first `out.length` threads of `threads` into `out`, in order.
 * Returns the number of threads (more than `out.length` means truncated).
 */
export function takeSnapshot(threads: Vec<Thread>, out: FixedArray<ThreadInfo>): number {
  const n = threads.len();
  for (let i = 0; i < n && i < out.length; i++) out.get(i).copyFrom(threads.get(i));
  return n;
}
