// Assembles the initramfs (gzipped newc cpio) for a workload: busybox, the
// modules, measure and the workload's programs, /init and /workload.sh.
// Cached under a hash of everything that goes in, so a second run with the
// same kernel, workload and parameters reuses the file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { writeCpio, type CpioEntry } from './cpio.js';
import type { Log } from './exec.js';
import type { LinuxParts } from './fetch.js';
import { buildGuestProgram, GUEST_DIR } from './guest-build.js';
import { initScript } from './init-script.js';
import { resolveModules, scanModuleTree, type ResolvedModule } from './modinfo.js';
import { decompressModule } from './module-file.js';
import type { Workload } from './workload.js';

export interface Initramfs {
  file: string;
  modules: ResolvedModule[];
}

export function buildInitramfs(parts: LinuxParts, workload: Workload, cacheDir: string, log: Log): Initramfs {
  const tree = scanModuleTree(parts.modulesDir);
  const modules = resolveModules(workload.modules, tree);
  const programs = [{ name: 'measure', source: path.join(GUEST_DIR, 'measure.c') }, ...workload.programs].map((p) => ({
    name: p.name,
    file: buildGuestProgram(p.name, p.source, cacheDir, log),
  }));
  const init = initScript(modules, workload.script, { needsDisk: workload.needsDisk, network: workload.network });

  const hash = crypto.createHash('sha256');
  for (const f of [parts.busybox, ...modules.map((m) => m.file), ...programs.map((p) => p.file)]) hash.update(f).update(fs.readFileSync(f));
  hash.update(init).update(workload.script);
  const file = path.join(cacheDir, 'initramfs', `${workload.name}-${hash.digest('hex').slice(0, 16)}.cpio.gz`);
  if (fs.existsSync(file)) return { file, modules };

  const shown = path.relative(process.cwd(), file);
  log(`building ${shown.startsWith('..') ? file : shown}: busybox, modules ${modules.map((m) => m.name).join(' ')}, programs ${programs.map((p) => p.name).join(' ')}`);
  const dirs = ['bin', 'sbin', 'usr', 'usr/bin', 'usr/sbin', 'dev', 'proc', 'sys', 'mnt', 'tmp', 'lib', 'lib/modules'];
  const entries: CpioEntry[] = [
    ...dirs.map((d): CpioEntry => ({ type: 'dir', path: d })),
    // PID 1's console: the kernel opens /dev/console before /init can mount devtmpfs.
    { type: 'char', path: 'dev/console', major: 5, minor: 1 },
    { type: 'file', path: 'bin/busybox', data: fs.readFileSync(parts.busybox), mode: 0o755 },
    { type: 'symlink', path: 'bin/sh', target: 'busybox' },
    ...programs.map((p): CpioEntry => ({ type: 'file', path: `bin/${p.name}`, data: fs.readFileSync(p.file), mode: 0o755 })),
    ...modules.map((m): CpioEntry => ({ type: 'file', path: `lib/modules/${m.name}.ko`, data: decompressModule(m.file) })),
    { type: 'file', path: 'init', data: Buffer.from(init), mode: 0o755 },
    { type: 'file', path: 'workload.sh', data: Buffer.from(workload.script), mode: 0o644 },
  ];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, zlib.gzipSync(writeCpio(entries), { level: 6 }));
  fs.renameSync(`${file}.tmp`, file);
  return { file, modules };
}
