// Loads an app's unishyper.config.ts and checks it against the boards and
// features codegen knows and the app's package.json dependencies.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BOARDS, DISK_FORMATS, FEATURES, type AppConfig, type DiskFormat } from '../config.js';
import { servedPathProblem } from './app-unilib.js';

export const CONFIG_FILE = 'unishyper.config.ts';

export class AppConfigError extends Error {}

export interface ResolvedApp {
  name: string;
  dir: string;
  configFile: string;
  board: keyof typeof BOARDS;
  boardPackage: string;
  features: string[];
  featurePackages: string[];
  mainFile: string;
  /** Disks with every default filled in and the image path made absolute. */
  disks: ResolvedDisk[];
  /** The network card, checked, or null. */
  network: ResolvedNetwork | null;
  /** The absolute host directory served at /unilibfs, or null. */
  unilibDir: string | null;
}

export interface ResolvedNetwork {
  mac: string;
  forwards: { proto: 'tcp' | 'udp'; host: number; guest: number }[];
  /** Guest connections to addr:port go to 127.0.0.1:host (QEMU's guestfwd); none when absent (a network made by hand). */
  guestForwards?: { addr: string; port: number; host: number }[];
}

/** The seed's MAC for its virtio-net card. */
export const DEFAULT_MAC = '48:b0:2d:0e:6e:9e';

export interface ResolvedDisk {
  image: string;
  sizeMiB: number;
  format: DiskFormat;
  readOnly: boolean;
}

/** Largest new disk image (MiB): FAT32's own limit is far above; this keeps a typo from filling the host's disk. */
export const MAX_DISK_MIB = 64 * 1024;

/** `board` replaces the config's board (the command line's --board), checked like it. */
export async function loadAppConfig(appDir: string, board?: string): Promise<ResolvedApp> {
  const dir = path.resolve(appDir);
  const configFile = path.join(dir, CONFIG_FILE);
  if (!fs.existsSync(configFile)) throw new AppConfigError(`${configFile}: not found (an app needs ${CONFIG_FILE} with \`export default defineApp({ board, features })\`)`);
  const { tsImport } = await import('tsx/esm/api');
  let mod: { default?: unknown };
  try {
    mod = await tsImport(pathToFileURL(configFile).href, import.meta.url);
  } catch (e) {
    throw new AppConfigError(`${configFile}: cannot be loaded: ${(e as Error).message}`);
  }
  const cfg = (mod.default ?? {}) as Partial<AppConfig>;
  return validateAppConfig(dir, configFile, board === undefined ? cfg : { ...cfg, board: board as AppConfig['board'] });
}

export function validateAppConfig(dir: string, configFile: string, cfg: Partial<AppConfig>): ResolvedApp {
  const rel = path.relative(process.cwd(), configFile) || configFile;
  const pkgFile = path.join(dir, 'package.json');
  const pkg = fs.existsSync(pkgFile) ? (JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { name?: string; dependencies?: Record<string, string> }) : {};
  const deps = pkg.dependencies ?? {};
  const board = cfg.board as string | undefined;
  if (!board) throw new AppConfigError(`${rel}: no board; set board to one of: ${Object.keys(BOARDS).join(', ')}`);
  if (!(board in BOARDS)) throw new AppConfigError(`${rel}: unknown board '${board}'; known boards: ${Object.keys(BOARDS).join(', ')}`);
  const boardPackage = BOARDS[board as keyof typeof BOARDS];
  const missing = (pkgName: string, what: string) =>
    new AppConfigError(`${rel}: ${what} needs ${pkgName}, which is not a dependency of ${pkg.name ?? dir}; add it to ${path.relative(process.cwd(), pkgFile) || pkgFile} dependencies (run: pnpm add ${pkgName}; in this repository: "${pkgName}": "workspace:*")`);
  if (!deps[boardPackage]) throw missing(boardPackage, `board '${board}'`);
  const features = [...new Set(['mm', ...(cfg.features ?? [])])];
  const featurePackages: string[] = [];
  for (const f of features) {
    if (!(f in FEATURES)) throw new AppConfigError(`${rel}: unknown feature '${f}'; known features: ${Object.keys(FEATURES).join(', ')}`);
    const p = FEATURES[f as keyof typeof FEATURES];
    if (!deps[p]) throw missing(p, `feature '${f}'`);
    featurePackages.push(p);
  }
  const disks = resolveDisks(rel, dir, cfg.disks);
  const network = resolveNetwork(rel, cfg.network);
  const unilibDir = resolveUnilib(rel, dir, cfg.unilib, features);
  const mainFile = path.join(dir, 'src', 'main.ts');
  if (!fs.existsSync(mainFile)) throw new AppConfigError(`${path.relative(process.cwd(), mainFile)}: not found (an app's code starts at src/main.ts with \`export function main()\`)`);
  return { name: path.basename(dir), dir, configFile, board: board as keyof typeof BOARDS, boardPackage, features, featurePackages, mainFile, disks, network, unilibDir };
}

/** The served directory: absolute, and spellable in QEMU's option syntax (no ',' and no blanks: SYS_GET_CMDLINE joins arguments with spaces). */
function resolveUnilib(rel: string, dir: string, u: unknown, features: string[]): string | null {
  if (u === undefined) return null;
  if (typeof u !== 'object' || u === null || typeof (u as { dir?: unknown }).dir !== 'string' || (u as { dir: string }).dir === '') throw new AppConfigError(`${rel}: unilib must be an object such as { dir: 'shared' } (the host directory served at /unilibfs)`);
  for (const k of Object.keys(u)) if (k !== 'dir') throw new AppConfigError(`${rel}: unilib: unknown option '${k}'; options: dir`);
  if (!features.includes('unilib')) throw new AppConfigError(`${rel}: unilib needs the 'unilib' feature (add it to features)`);
  const abs = path.resolve(dir, (u as { dir: string }).dir);
  const problem = servedPathProblem(abs);
  if (problem) throw new AppConfigError(`${rel}: unilib.dir: ${problem}`);
  return abs;
}

function resolveNetwork(rel: string, net: unknown): ResolvedNetwork | null {
  if (net === undefined) return null;
  if (typeof net !== 'object' || net === null || Array.isArray(net)) throw new AppConfigError(`${rel}: network must be an object such as { forwards: [{ host: 5555, guest: 7 }] }`);
  const n = net as Record<string, unknown>;
  for (const k of Object.keys(n)) if (!['forwards', 'guestForwards', 'mac'].includes(k)) throw new AppConfigError(`${rel}: network: unknown option '${k}'; options: forwards, guestForwards, mac`);
  const mac = n.mac ?? DEFAULT_MAC;
  if (typeof mac !== 'string' || !/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(mac)) throw new AppConfigError(`${rel}: network.mac must look like ${DEFAULT_MAC}, not ${JSON.stringify(mac)}`);
  if (n.forwards !== undefined && !Array.isArray(n.forwards)) throw new AppConfigError(`${rel}: network.forwards must be a list, e.g. [{ host: 5555, guest: 7 }]`);
  const seen = new Set<string>();
  const forwards = ((n.forwards as Record<string, unknown>[] | undefined) ?? []).map((f, i) => {
    const where = `${rel}: network.forwards[${i}]`;
    if (typeof f !== 'object' || f === null) throw new AppConfigError(`${where} must be an object such as { host: 5555, guest: 7 }`);
    for (const k of Object.keys(f)) if (!['proto', 'host', 'guest'].includes(k)) throw new AppConfigError(`${where}: unknown option '${k}'; options: proto, host, guest`);
    const proto = f.proto ?? 'tcp';
    if (proto !== 'tcp' && proto !== 'udp') throw new AppConfigError(`${where}: proto must be 'tcp' or 'udp', not ${JSON.stringify(proto)}`);
    for (const k of ['host', 'guest'] as const) {
      const v = f[k];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 65535) throw new AppConfigError(`${where}: ${k} must be a port from 1 to 65535, not ${JSON.stringify(v)}`);
    }
    const key = `${proto}:${f.host}`;
    if (seen.has(key)) throw new AppConfigError(`${where}: host port ${String(f.host)}/${proto} is forwarded twice`);
    seen.add(key);
    return { proto: proto as 'tcp' | 'udp', host: f.host as number, guest: f.guest as number };
  });
  return { mac, forwards, guestForwards: resolveGuestForwards(rel, n.guestForwards) };
}

/** The seed's subnet, where QEMU's user networking answers: 10.0.0.1 is the host, 10.0.0.3 its DNS. */
const RESERVED_GUEST_ADDRS: Record<string, string> = { '10.0.0.0': 'the network', '10.0.0.1': "QEMU's host address", '10.0.0.3': "QEMU's DNS", '10.0.0.255': 'the broadcast' };

function resolveGuestForwards(rel: string, list: unknown): NonNullable<ResolvedNetwork['guestForwards']> {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new AppConfigError(`${rel}: network.guestForwards must be a list, e.g. [{ guest: '10.0.0.2:7', host: 5555 }]`);
  const seen = new Set<string>();
  return list.map((f: Record<string, unknown>, i) => {
    const where = `${rel}: network.guestForwards[${i}]`;
    if (typeof f !== 'object' || f === null) throw new AppConfigError(`${where} must be an object such as { guest: '10.0.0.2:7', host: 5555 }`);
    for (const k of Object.keys(f)) if (!['guest', 'host'].includes(k)) throw new AppConfigError(`${where}: unknown option '${k}'; options: guest, host`);
    const m = typeof f.guest === 'string' ? /^10\.0\.0\.(\d{1,3}):(\d{1,5})$/.exec(f.guest) : null;
    const addr = m ? `10.0.0.${Number(m[1])}` : '';
    const port = m ? Number(m[2]) : 0;
    if (!m || Number(m[1]) > 255 || port < 1 || port > 65535) throw new AppConfigError(`${where}: guest must be 'address:port' on the seed's subnet 10.0.0.0/24, such as '10.0.0.2:7', not ${JSON.stringify(f.guest)}`);
    if (RESERVED_GUEST_ADDRS[addr]) throw new AppConfigError(`${where}: ${addr} is ${RESERVED_GUEST_ADDRS[addr]}; pick another address on 10.0.0.0/24, such as 10.0.0.2`);
    const host = f.host;
    if (typeof host !== 'number' || !Number.isInteger(host) || host < 1 || host > 65535) throw new AppConfigError(`${where}: host must be a port from 1 to 65535, not ${JSON.stringify(host)}`);
    const key = `${addr}:${port}`;
    if (seen.has(key)) throw new AppConfigError(`${where}: ${key} is forwarded twice`);
    seen.add(key);
    return { addr, port, host };
  });
}

function resolveDisks(rel: string, dir: string, disks: unknown): ResolvedDisk[] {
  if (disks === undefined) return [];
  if (!Array.isArray(disks)) throw new AppConfigError(`${rel}: disks must be a list, e.g. disks: [{ image: 'disk.img', sizeMiB: 64 }]`);
  const seen = new Set<string>();
  return disks.map((d: Record<string, unknown>, i) => {
    const where = `${rel}: disks[${i}]`;
    if (typeof d !== 'object' || d === null) throw new AppConfigError(`${where} must be an object such as { image: 'disk.img', sizeMiB: 64 }`);
    for (const k of Object.keys(d)) if (!['image', 'sizeMiB', 'format', 'readOnly'].includes(k)) throw new AppConfigError(`${where}: unknown option '${k}'; options: image, sizeMiB, format, readOnly`);
    const image = d.image ?? (i === 0 ? 'disk.img' : `disk${i}.img`);
    if (typeof image !== 'string' || image === '' || /[,\n]/.test(image)) throw new AppConfigError(`${where}: image must be a file name (no commas), not ${JSON.stringify(image)}`);
    const sizeMiB = d.sizeMiB ?? 64;
    if (typeof sizeMiB !== 'number' || !Number.isInteger(sizeMiB) || sizeMiB < 1 || sizeMiB > MAX_DISK_MIB) throw new AppConfigError(`${where}: sizeMiB must be a whole number from 1 to ${MAX_DISK_MIB}, not ${JSON.stringify(sizeMiB)}`);
    const format = d.format ?? 'fat32';
    if (!DISK_FORMATS.includes(format as DiskFormat)) throw new AppConfigError(`${where}: unknown format ${JSON.stringify(format)}; formats: ${DISK_FORMATS.join(', ')}`);
    if (d.readOnly !== undefined && typeof d.readOnly !== 'boolean') throw new AppConfigError(`${where}: readOnly must be true or false`);
    const abs = path.resolve(dir, image);
    if (seen.has(abs)) throw new AppConfigError(`${where}: ${image} is already disks[${[...seen].indexOf(abs)}]; each disk needs its own image`);
    seen.add(abs);
    return { image: abs, sizeMiB, format: format as DiskFormat, readOnly: d.readOnly === true };
  });
}
