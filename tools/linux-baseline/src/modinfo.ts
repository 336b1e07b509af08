// Which kernel modules to put in the initramfs, and in what order to insmod
// them. busybox insmod loads one file and does not follow dependencies, and
// Debian's package ships no modules.dep (depmod makes it at install time), so
// each module's dependencies come from its own `.modinfo` ELF section
// ("depends=a,b"), read here directly: the host need not have kmod, and
// modinfo(8) on a foreign-architecture module is not something to rely on.
import fs from 'node:fs';
import path from 'node:path';
import { decompressModule } from './module-file.js';

/** The key=value strings of a module's .modinfo section (a key may repeat, e.g. alias). */
export function readModinfo(elf: Buffer): Map<string, string[]> {
  if (elf.length < 64 || elf.readUInt32BE(0) !== 0x7f454c46) throw new Error('not an ELF file');
  if (elf[4] !== 2 || elf[5] !== 1) throw new Error('not a little-endian 64-bit ELF (arm64 modules are)');
  const shoff = Number(elf.readBigUInt64LE(0x28));
  const shentsize = elf.readUInt16LE(0x3a);
  const shnum = elf.readUInt16LE(0x3c);
  const shstrndx = elf.readUInt16LE(0x3e);
  const section = (i: number) => {
    const o = shoff + i * shentsize;
    return { name: elf.readUInt32LE(o), offset: Number(elf.readBigUInt64LE(o + 0x18)), size: Number(elf.readBigUInt64LE(o + 0x20)) };
  };
  const strtab = section(shstrndx);
  const nameOf = (n: number) => {
    const start = strtab.offset + n;
    return elf.toString('latin1', start, elf.indexOf(0, start));
  };
  for (let i = 0; i < shnum; i++) {
    const s = section(i);
    if (nameOf(s.name) !== '.modinfo') continue;
    const info = new Map<string, string[]>();
    for (const item of elf.toString('latin1', s.offset, s.offset + s.size).split('\0')) {
      const eq = item.indexOf('=');
      if (eq <= 0) continue;
      const key = item.slice(0, eq);
      info.set(key, [...(info.get(key) ?? []), item.slice(eq + 1)]);
    }
    return info;
  }
  throw new Error('no .modinfo section');
}

/** The module names a module depends on (its `depends=` field; empty when it has none). */
export function moduleDepends(info: Map<string, string[]>): string[] {
  return (info.get('depends') ?? []).flatMap((d) => d.split(',')).map((d) => d.trim()).filter(Boolean).map(canonicalName);
}

/** Module names treat '-' and '_' alike; the kernel's own spelling is with '_'. */
export const canonicalName = (name: string) => name.replace(/-/g, '_');

/** Where a kernel's modules are: every `<name>.ko[.xz|.zst|.gz]` under lib/modules/<release>/kernel, and the built-in names. */
export interface ModuleTree {
  release: string;
  files: Map<string, string>;
  builtin: Set<string>;
}

export function scanModuleTree(modulesDir: string): ModuleTree {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const m = /^(.+)\.ko(\.xz|\.zst|\.gz)?$/.exec(e.name);
        if (m) files.set(canonicalName(m[1]!), p);
      }
    }
  };
  walk(path.join(modulesDir, 'kernel'));
  const builtinFile = path.join(modulesDir, 'modules.builtin');
  const builtin = new Set(
    fs.existsSync(builtinFile)
      ? fs
          .readFileSync(builtinFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => canonicalName(path.basename(l).replace(/\.ko.*$/, '')))
      : [],
  );
  return { release: path.basename(modulesDir), files, builtin };
}

export interface ResolvedModule {
  name: string;
  /** The module's file in the tree (possibly compressed). */
  file: string;
  depends: string[];
}

/**
 * The modules to load for `wanted`, dependencies first (a topological order;
 * among independent modules, the order asked for). Built-in modules are
 * skipped. `dependsOf` is injectable so the resolution is testable without a kernel.
 */
export function resolveModules(
  wanted: string[],
  tree: Pick<ModuleTree, 'files' | 'builtin'>,
  dependsOf: (file: string) => string[] = (file) => moduleDepends(readModinfo(decompressModule(file))),
): ResolvedModule[] {
  const order: ResolvedModule[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (raw: string, chain: string[]) => {
    const name = canonicalName(raw);
    if (tree.builtin.has(name) || state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`module dependency cycle: ${[...chain, name].join(' -> ')}`);
    const file = tree.files.get(name);
    if (!file) {
      const via = chain.length ? ` (needed by ${chain.join(' -> ')})` : '';
      throw new Error(`kernel module '${name}'${via} is neither in the kernel package's lib/modules nor built in`);
    }
    state.set(name, 'visiting');
    const depends = dependsOf(file);
    for (const d of depends) visit(d, [...chain, name]);
    state.set(name, 'done');
    order.push({ name, file, depends });
  };
  for (const w of wanted) visit(w, []);
  return order;
}
