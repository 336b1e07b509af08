/**
 * The one rule for every unilib path, checked by the file system and again
 * by each conduit before anything reaches the host: relative to the served
 * directory, so no leading '/', no "." or ".." component, no empty
 * component, no NUL byte.
 */
import { strByteAt, strLen } from '@unishyper/rt';
import { Errno } from '@unishyper/vfs';

/** 0 when `path` stays inside the served directory, else -EPERM. */
export function checkUnilibPath(path: string): number {
  const n = strLen(path);
  if (n === 0) return 0;
  let start = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? strByteAt(path, i) : 47;
    if (c === 0) return -Errno.EPERM;
    if (c !== 47) continue;
    const len = i - start;
    if (len === 0) return -Errno.EPERM; // leading '/', "//" or a trailing '/'
    if (len === 1 && strByteAt(path, start) === 46) return -Errno.EPERM; // "."
    if (len === 2 && strByteAt(path, start) === 46 && strByteAt(path, start + 1) === 46) return -Errno.EPERM; // ".."
    start = i + 1;
  }
  return 0;
}
