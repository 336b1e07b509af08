// Builds a bootable kernel image for an app: config -> entry module -> one C
// translation unit -> ELF (+ raw binary) with the board's boot code.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { CFLAGS, RUNTIME_DIR, rtPackageDir, compileToC } from '../build.js';
import { loadAppConfig, type ResolvedApp } from './app-config.js';
import { writeEntry } from './entry.js';
import { lineTableC, readTsLineRows } from './line-table.js';
import { buildHypervisor, guestLoaderArgs, hypervisorElf, type HypervisorMeta } from './hypervisor.js';
import { makeUbootFiles, type UbootFiles, type UbootMeta } from './uboot.js';

const run = promisify(execFile);

export interface ImageOptions {
  appDir: string;
  outDir?: string;
  cc?: 'gcc' | 'clang';
  /** Another board than the app config's (--board); the image then goes to <app>/build/<board> unless outDir says. */
  board?: string;
  progress?: (msg: string) => void;
}

export interface ImageResult {
  app: ResolvedApp;
  elf: string;
  bin: string;
  cFile: string;
  /** Bytes of loadable segments (text, rodata, data) and of the raw image. */
  loadBytes: number;
  binBytes: number;
  /** QEMU machine arguments of the board (package.json "unishyper.qemu"). */
  qemuArgs: string[];
  /** What QEMU boots as the kernel: the ELF, or the raw image (`bin`, with its arm64 image header) on boards whose loader wants one. */
  bootFile: string;
  /** The uImage and boot script, on boards u-boot loads (package.json "unishyper.uboot"); else null. */
  uboot: UbootFiles | null;
}

/** Directory of a workspace package, resolved from the app. */
export function packageDir(fromDir: string, name: string): string {
  const req = createRequire(path.join(fromDir, 'package.json'));
  let dir = path.dirname(req.resolve(name));
  while (!fs.existsSync(path.join(dir, 'package.json')) || JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== name) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the package directory of ${name} from ${fromDir}`);
    dir = up;
  }
  return dir;
}

/** What a board package's package.json says under "unishyper". */
export interface BoardMeta {
  loadAddress: string;
  qemu: string[];
  /**
   * How QEMU (and the board's loader) takes the kernel: "elf" (default; QEMU
   * loads it at its physical addresses and starts every core at its entry) or
   * "image" (the raw binary with its arm64 image header, booted as Linux is:
   * at loadAddress, with secondary cores parked by the loader).
   */
  kernelFormat?: 'elf' | 'image';
  /** A hypervisor of our own the image runs under (hypervisor.ts): QEMU boots it, the image is its guest. */
  hypervisor?: HypervisorMeta;
  /** The board is booted by u-boot: the build also makes a uImage and boot.scr (image/uboot.ts). */
  uboot?: UbootMeta;
}

export function boardMeta(app: ResolvedApp): BoardMeta {
  const pkg = JSON.parse(fs.readFileSync(path.join(packageDir(app.dir, app.boardPackage), 'package.json'), 'utf8'));
  const meta = pkg.unishyper as BoardMeta | undefined;
  if (!meta?.loadAddress) throw new Error(`${app.boardPackage}: package.json lacks "unishyper.loadAddress"`);
  if (meta.kernelFormat !== undefined && meta.kernelFormat !== 'elf' && meta.kernelFormat !== 'image') throw new Error(`${app.boardPackage}: package.json "unishyper.kernelFormat" must be "elf" or "image", not ${JSON.stringify(meta.kernelFormat)}`);
  if (meta.uboot !== undefined && (typeof meta.uboot !== 'object' || meta.uboot === null)) throw new Error(`${app.boardPackage}: package.json "unishyper.uboot" must be an object, e.g. { "fdt": "\${fdtcontroladdr}" }`);
  return meta;
}

/** The file QEMU boots as the kernel for an image built for `meta`'s board, and the board's QEMU arguments for it. */
export function bootFileFor(meta: BoardMeta, elf: string, bin: string, board: string): { bootFile: string; qemuArgs: string[] } {
  if (meta.hypervisor) return { bootFile: hypervisorElf(path.dirname(elf), board), qemuArgs: [...(meta.qemu ?? []), ...guestLoaderArgs(elf)] };
  return { bootFile: meta.kernelFormat === 'image' ? bin : elf, qemuArgs: meta.qemu ?? [] };
}

export async function buildImage(opts: ImageOptions): Promise<ImageResult> {
  const progress = opts.progress ?? (() => {});
  const app = await loadAppConfig(opts.appDir, opts.board);
  const outDir = path.resolve(opts.outDir ?? defaultOutDir(app.dir, opts.board));
  const entry = writeEntry(app);
  progress(`lowering ${app.name} (board ${app.board}; features ${app.features.join(', ')})`);
  const { c } = compileToC({ entry, noMain: true });
  fs.mkdirSync(outDir, { recursive: true });
  const cFile = path.join(outDir, `${app.name}.c`);
  fs.writeFileSync(cFile, c);
  const meta = boardMeta(app);
  const halNative = path.join(packageDir(app.dir, '@unishyper/hal-aarch64'), 'native');
  const ld = path.join(outDir, 'kernel.ld');
  fs.writeFileSync(ld, fs.readFileSync(path.join(halNative, 'kernel.ld'), 'utf8').replaceAll('@LOAD_ADDRESS@', meta.loadAddress));
  const elf = path.join(outDir, `${app.name}.elf`);
  const bin = path.join(outDir, `${app.name}.bin`);
  // Every assembly and C file of hal-aarch64's native/ and of the board's
  // (its memory map for boot.S) is part of every image (gc-sections drops what is unused).
  const boardNative = path.join(packageDir(app.dir, app.boardPackage), 'native');
  const sources = [cFile, ...nativeSources(halNative), ...nativeSources(boardNative), path.join(RUNTIME_DIR, 'libc-mini.c')];
  const inc = ['-I', RUNTIME_DIR, '-I', path.join(rtPackageDir(), 'native')];
  let lineTablePass = false;
  const link = async (extra: string[]) => {
    const common = [...CFLAGS, '-DRT_KERNEL', '-DRT_HEAP_EXTERNAL', '-ffunction-sections', '-fdata-sections', '-fno-pie', '-no-pie', ...inc, ...sources, ...extra, '-T', ld, '-Wl,--gc-sections', '-Wl,--build-id=none', '-o', elf];
    const [cmd, args] = opts.cc === 'clang' ? ['clang', ['--target=aarch64-linux-gnu', '-fuse-ld=lld', ...common]] : ['aarch64-linux-gnu-gcc', [...common, '-lgcc']];
    progress(`${cmd} -> ${path.relative(process.cwd(), elf)}${extra.length && lineTablePass ? ' (again, with the line table)' : ''}`);
    lineTablePass = true;
    try {
      await run(cmd, args as string[], { maxBuffer: 64 << 20 });
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      throw new Error(`${cmd} failed building ${app.name}:\n${err.stderr ?? err.message}`);
    }
  };
  // Link once, read the TypeScript line rows, link again with them as a table
  // (in .rodata, after .text, so code addresses do not move; checked).
  const table = path.join(outDir, 'linetable.c');
  fs.writeFileSync(table, lineTableC([], ''));
  await link([table]);
  const before = await textSymbols(elf);
  fs.writeFileSync(table, lineTableC(await readTsLineRows(elf), workspaceRoot(app.dir)));
  await link([table]);
  if ((await textSymbols(elf)) !== before) throw new Error(`${app.name}: adding the line table moved code; fault reports would name wrong lines`);
  const objcopy = opts.cc === 'clang' ? 'llvm-objcopy' : 'aarch64-linux-gnu-objcopy';
  await run(fs.existsSync('/usr/bin/' + objcopy) || opts.cc !== 'clang' ? objcopy : 'aarch64-linux-gnu-objcopy', ['-O', 'binary', elf, bin]);
  const loadBytes = await loadableBytes(elf);
  if (meta.hypervisor) {
    progress(`the ${app.board} hypervisor -> ${path.relative(process.cwd(), hypervisorElf(outDir, app.board))}`);
    await buildHypervisor(packageDir(app.dir, app.boardPackage), meta.hypervisor, outDir, app.board);
  }
  const uboot = meta.uboot ? await makeUbootFiles({ name: app.name, board: app.board, bin, loadAddress: meta.loadAddress, meta: meta.uboot }) : null;
  if (uboot) progress(`mkimage -> ${path.relative(process.cwd(), uboot.uImage)}, ${path.relative(process.cwd(), uboot.bootScr)}`);
  return { app, elf, bin, cFile, loadBytes, binBytes: fs.statSync(bin).size, ...bootFileFor(meta, elf, bin, app.board), uboot };
}

/** Where an image goes without --out-dir: <app>/build, or <app>/build/<board> for a --board build, so one never overwrites the other. */
export function defaultOutDir(appDir: string, board: string | undefined): string {
  return board === undefined ? path.join(appDir, 'build') : path.join(appDir, 'build', board);
}

/** The assembly and C files of a package's native/ directory (none when it has none). */
function nativeSources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /\.(S|c)$/.test(f)).sort().map((f) => path.join(dir, f));
}

/** Addresses of all code symbols, to check that the second link kept them. */
async function textSymbols(elf: string): Promise<string> {
  const { stdout } = await run('aarch64-linux-gnu-nm', ['-n', elf], { maxBuffer: 64 << 20 });
  return stdout.split('\n').filter((l) => / [tT] /.test(l)).join('\n');
}

/** The repository root (where pnpm-workspace.yaml is), for workspace-relative paths. */
export function workspaceRoot(from: string): string {
  for (let d = path.resolve(from); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'pnpm-workspace.yaml'))) return d;
    if (path.dirname(d) === d) return path.resolve(from);
  }
}

/** Sum of the file sizes of PT_LOAD segments. */
async function loadableBytes(elf: string): Promise<number> {
  const { stdout } = await run('aarch64-linux-gnu-readelf', ['-lW', elf]);
  let total = 0;
  for (const line of stdout.split('\n')) {
    const m = /^\s*LOAD\s+\S+\s+\S+\s+\S+\s+(0x[0-9a-f]+)/.exec(line);
    if (m) total += parseInt(m[1]!, 16);
  }
  return total;
}
