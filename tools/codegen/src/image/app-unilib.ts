// The host directory an app serves at /unilibfs (unishyper.config.ts
// `unilib`): made when missing, and named on QEMU's semihosting command line,
// where packages/unilib's semihosting conduit reads it (SYS_GET_CMDLINE).
// QEMU then performs the guest's file operations on the host; the guest
// refuses paths that would leave the directory.
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedApp } from './app-config.js';

/** Thrown when the served directory cannot be used. */
export class UnilibDirError extends Error {}

/** The QEMU arguments that serve `dir` (none for null). */
export function unilibQemuArgs(dir: string | null): string[] {
  return dir === null ? [] : ['-semihosting-config', `enable=on,target=native,arg=unilibfs=${dir}`];
}

/** Makes the app's served directory when missing; refuses a path that is not a directory. */
export function prepareUnilibDir(app: ResolvedApp, progress?: (m: string) => void): void {
  const dir = app.unilibDir;
  if (dir === null) return;
  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory()) throw new UnilibDirError(`${path.relative(process.cwd(), dir) || dir}: not a directory; unilib.dir in ${path.relative(process.cwd(), app.configFile)} must name one`);
    return;
  }
  fs.mkdirSync(dir, { recursive: true });
  progress?.(`made ${path.relative(process.cwd(), dir) || dir} (served at /unilibfs)`);
}
