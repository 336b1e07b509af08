/**
 * POSIX-like errors as values. Every fallible vfs and file-system call
 * returns a number: `>= 0` is the result (a descriptor, a byte count, 0 for
 * done), `< 0` is `-Errno.X`. Nothing panics on bad input from a caller or
 * a disk; the caller decides what to print (`errnoName`, `errnoMessage`).
 * The numbers are Linux's, so they read the same in a trace.
 */
export const Errno = {
  EPERM: 1,
  ENOENT: 2,
  EIO: 5,
  EBADF: 9,
  EBUSY: 16,
  EEXIST: 17,
  EXDEV: 18,
  ENODEV: 19,
  ENOTDIR: 20,
  EISDIR: 21,
  EINVAL: 22,
  EMFILE: 24,
  EFBIG: 27,
  ENOSPC: 28,
  EROFS: 30,
  ENAMETOOLONG: 36,
  ENOSYS: 38,
  ENOTEMPTY: 39,
} as const;

/** The symbolic name of `e` (either sign): "ENOENT"; "E?" for a number that is not an Errno. */
export function errnoName(e: number): string {
  switch (e < 0 ? -e : e) {
    case Errno.EPERM: return 'EPERM';
    case Errno.ENOENT: return 'ENOENT';
    case Errno.EIO: return 'EIO';
    case Errno.EBADF: return 'EBADF';
    case Errno.EBUSY: return 'EBUSY';
    case Errno.EEXIST: return 'EEXIST';
    case Errno.EXDEV: return 'EXDEV';
    case Errno.ENODEV: return 'ENODEV';
    case Errno.ENOTDIR: return 'ENOTDIR';
    case Errno.EISDIR: return 'EISDIR';
    case Errno.EINVAL: return 'EINVAL';
    case Errno.EMFILE: return 'EMFILE';
    case Errno.EFBIG: return 'EFBIG';
    case Errno.ENOSPC: return 'ENOSPC';
    case Errno.EROFS: return 'EROFS';
    case Errno.ENAMETOOLONG: return 'ENAMETOOLONG';
    case Errno.ENOSYS: return 'ENOSYS';
    case Errno.ENOTEMPTY: return 'ENOTEMPTY';
  }
  return 'E?';
}

/** What `e` (either sign) means, as strerror says it. */
export function errnoMessage(e: number): string {
  switch (e < 0 ? -e : e) {
    case Errno.EPERM: return 'operation not permitted';
    case Errno.ENOENT: return 'no such file or directory';
    case Errno.EIO: return 'input/output error';
    case Errno.EBADF: return 'bad file descriptor';
    case Errno.EBUSY: return 'device or resource busy';
    case Errno.EEXIST: return 'file exists';
    case Errno.EXDEV: return 'cross-device link';
    case Errno.ENODEV: return 'no such device';
    case Errno.ENOTDIR: return 'not a directory';
    case Errno.EISDIR: return 'is a directory';
    case Errno.EINVAL: return 'invalid argument';
    case Errno.EMFILE: return 'too many open files';
    case Errno.EFBIG: return 'file too large';
    case Errno.ENOSPC: return 'no space left on device';
    case Errno.EROFS: return 'read-only file system';
    case Errno.ENAMETOOLONG: return 'file name too long';
    case Errno.ENOSYS: return 'function not implemented';
    case Errno.ENOTEMPTY: return 'directory not empty';
  }
  return 'unknown error';
}
