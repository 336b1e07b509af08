/**
 * The kernel's one vfs, for code that has no Vfs passed to it (the shell,
 * apps): `initVfs(root)` once at start-up, `kernelVfs()` afterwards. Tests
 * make their own `Vfs` instead.
 */
import { panic } from '@unishyper/rt';
import type { FileSystem } from './file-system';
import { DEFAULT_MAX_FDS, DEFAULT_MAX_MOUNTS, Vfs } from './vfs';

let theVfs: Vfs | null = null;

/** Makes the kernel's vfs with `root` at "/" (once; a second call panics). */
export function initVfs(root: FileSystem): Vfs {
  if (theVfs !== null) panic('vfs: initVfs called twice');
  const v = new Vfs(root, DEFAULT_MAX_FDS, DEFAULT_MAX_MOUNTS);
  theVfs = v;
  return v;
}

/** The kernel's vfs (panics before initVfs). */
export function kernelVfs(): Vfs {
  if (theVfs === null) panic('vfs: kernelVfs called before initVfs');
  return theVfs!;
}
