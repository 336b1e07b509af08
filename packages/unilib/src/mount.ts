/**
 * The usual way an app gets /unilibfs: the unilib file system on the
 * board's conduit, mounted into the vfs (the directory made first).
 */
import { FixedArray } from '@unishyper/rt';
import type { Vfs } from '@unishyper/vfs';
import type { UnilibConduit } from './conduit';
import { UnilibFs } from './unilib-fs';

/** Where apps mount it, as the original did. */
export const UNILIB_MOUNT = '/unilibfs';

/** Mounts unilib on `conduit` at `at`; 0, the conduit's -Errno (ENODEV: nothing served), or the vfs's. */
export function mountUnilibAt(vfs: Vfs, conduit: UnilibConduit, at: string): number {
  const status = new FixedArray<number>(1, 0);
  const fs = UnilibFs.open(conduit, status);
  if (fs === null) return status.get(0);
  const m = vfs.mkdir(at);
  if (m < 0 && m !== -17) return m; // EEXIST: already there
  return vfs.mount(at, fs);
}
