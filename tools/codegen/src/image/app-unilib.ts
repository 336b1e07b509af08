// The host directory an app serves at /unilibfs (unishyper.config.ts
// `unilib`): made when missing, and named on QEMU's semihosting command line,
// where packages/unilib's semihosting conduit reads it (SYS_GET_CMDLINE).
// QEMU then performs the guest's file operations on the host; the guest
// refuses paths that would leave the directory, and here, before QEMU
// starts, a served directory holding a symbolic link out of it is refused
// (semihosting would follow it; links made while the guest runs are not
// seen: docs/apps.md says so).
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedApp } from './app-config.js';

/** Thrown when the served directory cannot be used. */
export class UnilibDirError extends Error {}

/** Why QEMU's semihosting command line cannot carry `abs` (it joins arguments with spaces; ',' separates options), or null. */
export function servedPathProblem(abs: string): string | null {
  return /[\s,]/.test(abs) ? `the served directory's path may not contain blanks or commas (QEMU's semihosting command line cannot carry them): ${JSON.stringify(abs)}` : null;
}

/** The QEMU arguments that serve `dir` (none for null). */
export function unilibQemuArgs(dir: string | null): string[] {
  return dir === null ? [] : ['-semihosting-config', `enable=on,target=native,arg=unilibfs=${dir}`];
}

/** Makes the app's served directory when missing; refuses a path that is not a directory, or one holding a link out of it. */
export function prepareUnilibDir(app: ResolvedApp, progress?: (m: string) => void): void {
  const dir = app.unilibDir;
  if (dir === null) return;
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    progress?.(`made ${rel(dir)} (served at /unilibfs)`);
    return;
  }
  if (!fs.statSync(dir).isDirectory()) throw new UnilibDirError(`${rel(dir)}: not a directory; unilib.dir in ${rel(app.configFile)} must name one`);
  if (fs.lstatSync(dir).isSymbolicLink()) throw new UnilibDirError(`${rel(dir)}: a symbolic link; unilib.dir must name the directory itself (${fs.realpathSync(dir)})`);
  const out = linkOutOf(dir, fs.realpathSync(dir));
  if (out) throw new UnilibDirError(`${rel(out.link)} links to ${out.target}, outside the served directory ${rel(dir)}; remove the link or serve another directory (the guest must not reach past /unilibfs)`);
}

/** The first symbolic link under `dir` whose target lies outside `root` (or dangles), or null. */
function linkOutOf(dir: string, root: string): { link: string; target: string } | null {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isSymbolicLink()) {
      let target: string;
      try {
        target = fs.realpathSync(p);
      } catch {
        return { link: p, target: fs.readlinkSync(p) + ' (which does not exist)' };
      }
      if (target !== root && !target.startsWith(root + path.sep)) return { link: p, target };
    } else if (e.isDirectory()) {
      const inner = linkOutOf(p, root);
      if (inner) return inner;
    }
  }
  return null;
}
