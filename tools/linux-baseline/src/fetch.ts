// Debian's arm64 kernel and busybox-static, fetched with apt and unpacked
// with dpkg-deb into the cache. apt is the only way in: the machines this
// runs on reach Debian's mirror and the npm registry, nothing else.
//
// The first run enables the arm64 architecture (dpkg --add-architecture,
// apt-get update; root needed), asks apt which kernel the linux-image-arm64
// metapackage currently depends on, downloads both .debs and extracts them.
// linux.json in the cache records the result, so later runs touch neither
// apt nor the network (--refresh asks apt again).
import fs from 'node:fs';
import path from 'node:path';
import { CommandError, run, type Log } from './exec.js';

export interface LinuxParts {
  /** e.g. linux-image-6.1.0-57-arm64 */
  kernelPackage: string;
  /** The .deb's version, e.g. 6.1.192-3 */
  kernelVersion: string;
  /** The kernel Image (Debian names it vmlinuz; on arm64 it is an uncompressed Image). */
  kernel: string;
  /** lib/modules/<release> of the unpacked package. */
  modulesDir: string;
  busybox: string;
  busyboxVersion: string;
}

const KERNEL_META = 'linux-image-arm64';
const BUSYBOX = 'busybox-static';

export class FetchError extends Error {}

/** The package the metapackage depends on, from `apt-cache depends` output. */
export function kernelPackageFromDepends(text: string): string | undefined {
  return /Depends:\s*(linux-image-[0-9][\w.+~-]*-arm64)(?::arm64)?\s*$/m.exec(text)?.[1];
}

function apt(cmd: string, args: string[], log: Log, cwd?: string) {
  const root = process.getuid?.() === 0;
  const hint = root ? undefined : 'Fetching needs root the first time (dpkg --add-architecture, apt-get update): run the bench as root or with sudo.';
  try {
    return run(cmd, args, { log, cwd, hint });
  } catch (e) {
    throw new FetchError(`fetching Debian's arm64 kernel failed: ${(e as Error).message}`);
  }
}

function ensureArm64(log: Log) {
  const foreign = apt('dpkg', ['--print-foreign-architectures'], log).stdout.split(/\s+/);
  if (foreign.includes('arm64')) return false;
  apt('dpkg', ['--add-architecture', 'arm64'], log);
  apt('apt-get', ['update'], log);
  return true;
}

function resolveKernelPackage(log: Log, updated: boolean): string {
  const ask = () => {
    try {
      return kernelPackageFromDepends(run('apt-cache', ['depends', `${KERNEL_META}:arm64`], { log }).stdout);
    } catch (e) {
      if (e instanceof CommandError) return undefined;
      throw e;
    }
  };
  let pkg = ask();
  if (!pkg && !updated) {
    // The arm64 package lists may be missing or stale: update once and ask again.
    apt('apt-get', ['update'], log);
    pkg = ask();
  }
  if (!pkg) throw new FetchError(`fetching Debian's arm64 kernel failed: 'apt-cache depends ${KERNEL_META}:arm64' names no linux-image-<version>-arm64 package (is the arm64 architecture enabled and apt-get update done?)`);
  return pkg;
}

function downloaded(dir: string, pkg: string): string | undefined {
  const f = fs.readdirSync(dir).find((n) => n.startsWith(`${pkg}_`) && n.endsWith('_arm64.deb'));
  return f && path.join(dir, f);
}

function extract(deb: string, into: string, log: Log) {
  fs.rmSync(into, { recursive: true, force: true });
  fs.mkdirSync(into, { recursive: true });
  apt('dpkg-deb', ['-x', deb, into], log);
}

function only(dir: string, pattern: RegExp, what: string): string {
  const hits = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => pattern.test(n)) : [];
  if (hits.length !== 1) throw new FetchError(`expected one ${what} in ${dir}, found ${hits.length ? hits.join(', ') : 'none'}`);
  return path.join(dir, hits[0]!);
}

function partsValid(p: LinuxParts): boolean {
  return [p.kernel, p.modulesDir, p.busybox].every((f) => fs.existsSync(f));
}

/** The kernel and busybox, from the cache or fetched into it. */
export function ensureLinuxParts(cacheDir: string, log: Log, opts: { refresh?: boolean } = {}): LinuxParts {
  const manifest = path.join(cacheDir, 'linux.json');
  // Paths in linux.json are relative to the cache, so the cache can move with the checkout.
  const abs = (p: LinuxParts): LinuxParts => ({ ...p, kernel: path.resolve(cacheDir, p.kernel), modulesDir: path.resolve(cacheDir, p.modulesDir), busybox: path.resolve(cacheDir, p.busybox) });
  if (!opts.refresh && fs.existsSync(manifest)) {
    const cached = abs(JSON.parse(fs.readFileSync(manifest, 'utf8')) as LinuxParts);
    if (partsValid(cached)) return cached;
  }
  log(`fetching Debian's arm64 kernel and busybox-static into ${cacheDir}`);
  const debs = path.join(cacheDir, 'debs');
  fs.mkdirSync(debs, { recursive: true });
  const updated = ensureArm64(log);
  const kernelPackage = resolveKernelPackage(log, updated);
  const want = [kernelPackage, BUSYBOX].filter((p) => opts.refresh || !downloaded(debs, p));
  if (want.length) apt('apt-get', ['download', ...want.map((p) => `${p}:arm64`)], log, debs);
  const kernelDeb = downloaded(debs, kernelPackage);
  const busyboxDeb = downloaded(debs, BUSYBOX);
  if (!kernelDeb || !busyboxDeb) throw new FetchError(`apt-get download left no .deb for ${!kernelDeb ? kernelPackage : BUSYBOX} in ${debs}`);

  const kernelDir = path.join(cacheDir, kernelPackage);
  const busyboxDir = path.join(cacheDir, BUSYBOX);
  extract(kernelDeb, kernelDir, log);
  extract(busyboxDeb, busyboxDir, log);
  const parts: LinuxParts = {
    kernelPackage,
    kernelVersion: apt('dpkg-deb', ['-f', kernelDeb, 'Version'], log).stdout.trim(),
    kernel: only(path.join(kernelDir, 'boot'), /^vmlinuz-/, 'kernel image (boot/vmlinuz-*)'),
    modulesDir: only(path.join(kernelDir, 'lib', 'modules'), /./, 'module tree (lib/modules/<release>)'),
    busybox: path.join(busyboxDir, 'bin', 'busybox'),
    busyboxVersion: apt('dpkg-deb', ['-f', busyboxDeb, 'Version'], log).stdout.trim(),
  };
  if (!partsValid(parts)) throw new FetchError(`the unpacked packages lack a kernel, module tree or bin/busybox (looked in ${kernelDir} and ${busyboxDir})`);
  const rel = (f: string) => path.relative(cacheDir, f);
  fs.writeFileSync(manifest, `${JSON.stringify({ ...parts, kernel: rel(parts.kernel), modulesDir: rel(parts.modulesDir), busybox: rel(parts.busybox) }, null, 2)}\n`);
  log(`kernel ${kernelPackage} ${parts.kernelVersion}, busybox-static ${parts.busyboxVersion}`);
  return parts;
}
