// The `unishyper` command line: build and run dialect programs (build, run),
// and build, boot and debug kernel images of apps (image, qemu, debug).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { constants as osConstants } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildProgram, runNative, type CCompiler, type Target } from './build.js';
import { CompileError, formatDiagnostic } from './diagnostics.js';
import { loadAppConfig } from './image/app-config.js';
import { boardMeta, bootFileFor, buildImage, defaultOutDir, type ImageResult } from './image/build-image.js';
import { BOARDS } from './config.js';
import { diskQemuArgs, prepareDisks } from './image/app-disks.js';
import { prepareUnilibDir, servedPathProblem, unilibQemuArgs } from './image/app-unilib.js';
import { checkHostPorts, networkQemuArgs, type NetMode } from './image/app-network.js';
import type { ResolvedApp } from './image/app-config.js';
import {
  QemuUsageError,
  ToolMissingError,
  TIMEOUT_STATUS,
  gdbArgs,
  gdbBinary,
  missingGdb,
  qemuArgs,
  qemuBinary,
  runQemu,
  shellQuote,
  splitArgs,
  startQemuForDebug,
  stopQemu,
  type QemuOptions,
} from './image/qemu.js';

const HELP = `unishyper — build TypeScript kernel-dialect programs and Unishyper kernel images

Usage:
  unishyper build <entry.ts> [options]   lower a program to C, compile and link
  unishyper run <entry.ts> [options]     build, then run (qemu-aarch64 for linux-user)
  unishyper image <appDir> [options]     build an app's bootable kernel image; print its sizes
  unishyper qemu <appDir> [options]      build the image, boot it under QEMU (console on the
                                         terminal); exit with the app's status
  unishyper debug <appDir> [options]     build the image, start QEMU stopped with a gdb stub,
                                         attach gdb-multiarch with the image's symbols
  unishyper --help                       this text

Options for build and run:
  -o, --out-dir <dir>     output directory (default: build/<entry name>)
  -t, --target <target>   linux-user (default; runs under qemu-aarch64) or host-sanitize
                          (x86_64 with -fsanitize=undefined,address)
      --cc <gcc|clang>    C compiler (default gcc)
  -q, --quiet             no progress lines

Options for image, qemu and debug (an app is a directory with unishyper.config.ts,
package.json and src/main.ts):
  -o, --out-dir <dir>     output directory (default: <appDir>/build)
      --board <name>      build for this board instead of the config's (${Object.keys(BOARDS).join(', ')});
                          the app needs the board's package as a dependency; the image
                          goes to <appDir>/build/<name>
      --cc <gcc|clang>    C compiler (default gcc)
  -q, --quiet             no progress lines
Machine (qemu and debug; added to the board's QEMU arguments):
      --smp <n>           number of cores (-smp n)
      --memory <size>     guest RAM (-m size), e.g. 512M, 1G
      --gic <2|3>         GIC version (machine property gic-version)
      --el2               boot at EL2 (machine property virtualization=on); the kernel drops to EL1
      --qemu-args "<args>"  more QEMU arguments, split as a shell would (repeatable)
      --no-build          boot the existing image in the output directory
      --no-disks          boot without the app's disks (its disk images are not made or used)
      --unilib <dir>      serve this host directory at /unilibfs instead of the config's
                          unilib.dir (the app needs the 'unilib' feature)
      --net <user|tap>    how the app's network card is connected: user (default: QEMU user
                          networking, restricted, with the app's forwards on 127.0.0.1) or tap
                          (the host's tap0, as the seed's make tap_setup made it: docs/apps.md)
qemu:
      --timeout <s>       stop QEMU after s seconds and exit ${TIMEOUT_STATUS}
debug:
      --port <n>          gdb stub port on 127.0.0.1 (default 1234, as QEMU -s)
      --gdb-batch <file>  run gdb in batch mode with the commands in <file>
      --no-gdb            do not start gdb: wait for a debugger to attach
                          (gdb-multiarch <elf> -ex 'target remote :<port>')

QEMU runs with -nic none -nographic -monitor none -semihosting; the image ends with a
semihosting exit, so QEMU's exit status is the app's status (Ctrl-A X quits QEMU). The
app's disks (unishyper.config.ts \`disks\`) are virtio-blk devices; a missing image is made
first (mkfs.fat). UNISHYPER_QEMU and UNISHYPER_GDB override the qemu-system-aarch64 and
gdb-multiarch binaries.

The generated C is kept next to the ELF (<name>.c) as a readable artifact; it carries
#line directives, so gdb shows TypeScript files and lines.
Exit status: 0 on success, 1 on compile or configuration errors, 2 on bad usage, the
program's own status for 'run' and 'qemu', gdb's status for 'debug', 127 when QEMU or
gdb is not installed, ${TIMEOUT_STATUS} when --timeout ran out.`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  'out-dir': { type: 'string', short: 'o' },
  target: { type: 'string', short: 't' },
  cc: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  board: { type: 'string' },
  smp: { type: 'string' },
  memory: { type: 'string' },
  gic: { type: 'string' },
  el2: { type: 'boolean' },
  'qemu-args': { type: 'string', multiple: true },
  'no-build': { type: 'boolean' },
  'no-disks': { type: 'boolean' },
  unilib: { type: 'string' },
  net: { type: 'string' },
  timeout: { type: 'string' },
  port: { type: 'string' },
  'gdb-batch': { type: 'string' },
  'no-gdb': { type: 'boolean' },
} as const;

type OptionName = keyof typeof OPTIONS;

const COMMON: OptionName[] = ['help', 'out-dir', 'cc', 'quiet'];
const MACHINE: OptionName[] = ['smp', 'memory', 'gic', 'el2', 'qemu-args', 'no-build', 'no-disks', 'net', 'unilib'];
const COMMAND_OPTIONS: Record<string, OptionName[]> = {
  build: [...COMMON, 'target'],
  run: [...COMMON, 'target'],
  image: [...COMMON, 'board'],
  qemu: [...COMMON, 'board', ...MACHINE, 'timeout'],
  debug: [...COMMON, 'board', ...MACHINE, 'port', 'gdb-batch', 'no-gdb'],
};

class UsageError extends Error {}

const BOOLEAN_OPTIONS = new Set(Object.entries(OPTIONS).filter(([, o]) => o.type === 'boolean').map(([k]) => k));
const STRING_OPTIONS = new Set(Object.entries(OPTIONS).filter(([, o]) => o.type === 'string').map(([k]) => k));

/**
 * Normalises argv before parseArgs:
 * - `--flag=true` / `--flag=false` for boolean flags (task runners such as nx
 *   run-commands forward booleans that way);
 * - `--opt <value>` for string options becomes `--opt=<value>`, so a value
 *   that starts with a dash is taken as the value: `--qemu-args "-d int"`.
 */
function normaliseArgv(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const bool = /^--([\w-]+)=(true|false)$/.exec(a);
    if (bool && BOOLEAN_OPTIONS.has(bool[1]!)) {
      if (bool[2] === 'true') out.push(`--${bool[1]}`);
    } else if (a.startsWith('--') && STRING_OPTIONS.has(a.slice(2)) && i + 1 < argv.length) {
      out.push(`${a}=${argv[++i]}`);
    } else out.push(a);
  }
  return out;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: normaliseArgv(argv), allowPositionals: true, options: OPTIONS });
  } catch (e) {
    process.stderr.write(`unishyper: ${(e as Error).message}\nRun 'unishyper --help' for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [cmd, subject, ...rest] = positionals;
  if (values.help || !cmd) {
    process.stdout.write(HELP + '\n');
    return values.help ? 0 : 2;
  }
  const allowed = COMMAND_OPTIONS[cmd];
  if (!allowed) {
    process.stderr.write(`unishyper: unknown command '${cmd}'. Commands: ${Object.keys(COMMAND_OPTIONS).join(', ')}.\n`);
    return 2;
  }
  const notHere = (Object.keys(values) as OptionName[]).filter((k) => values[k] !== undefined && !allowed.includes(k));
  if (notHere.length) {
    process.stderr.write(`unishyper ${cmd}: --${notHere[0]} is not an option of '${cmd}'. Run 'unishyper --help' for usage.\n`);
    return 2;
  }
  if (rest.length) {
    process.stderr.write(`unishyper ${cmd}: unexpected argument '${rest[0]}'. Run 'unishyper --help' for usage.\n`);
    return 2;
  }
  const cc = (values.cc ?? 'gcc') as CCompiler;
  if (cc !== 'gcc' && cc !== 'clang') {
    process.stderr.write(`unishyper: unknown C compiler '${cc}' (gcc or clang)\n`);
    return 2;
  }
  const progress = values.quiet ? undefined : (m: string) => process.stderr.write(`[unishyper] ${m}\n`);
  try {
    if (cmd === 'build' || cmd === 'run') return await programCommand(cmd, subject, values, cc, progress);
    if (!subject) {
      process.stderr.write(`unishyper ${cmd}: missing the app directory, e.g. 'unishyper ${cmd} apps/hello'\n`);
      return 2;
    }
    const machine = machineOptions(values);
    const netMode = netOption(values.net);
    if (netMode.kind === 'tap' && (await loadAppConfig(subject, values.board)).network === null) throw new UsageError(`--net tap: the app has no network card (add network: {} to ${path.join(subject, 'unishyper.config.ts')})`);
    // A bad --unilib is a usage error before anything is built.
    const served = values.unilib === undefined ? undefined : servedDirOption(await loadAppConfig(subject, values.board), values.unilib);
    const image = await imageFor(subject, values['out-dir'], values.board, cc, !!values['no-build'], progress);
    if (cmd === 'image') {
      process.stdout.write(`${image.summary}\n`);
      return 0;
    }
    progress?.(image.summary);
    if (image.qemuArgs.length === 0) throw new UsageError(`board ${image.app.board} has no QEMU machine (${image.app.boardPackage}'s package.json has no "unishyper.qemu"); build it with 'unishyper image' and boot it on the board (see the board package's README)`);
    // The app's devices come before --qemu-args, so the user's arguments still win.
    const disks = values['no-disks'] ? [] : image.app.disks;
    prepareDisks({ ...image.app, disks }, progress);
    const app = served === undefined ? image.app : { ...image.app, unilibDir: served };
    prepareUnilibDir(app, progress);
    if (netMode.kind === 'user') await checkHostPorts(image.app);
    const devices = [...diskQemuArgs(disks), ...networkQemuArgs(image.app.network, netMode), ...unilibQemuArgs(app.unilibDir)];
    const opts: QemuOptions = { ...machine, kernel: image.bootFile, boardArgs: image.qemuArgs, extraArgs: [...devices, ...(machine.extraArgs ?? [])] };
    if (cmd === 'qemu') return await qemuCommand(opts, values.timeout, disks.map((d) => d.image), progress);
    return await debugCommand(opts, image.elf, values, progress);
  } catch (e) {
    if (e instanceof CompileError) {
      for (const d of e.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
      process.stderr.write(`unishyper: ${e.diagnostics.length} error(s); nothing was built\n`);
      return 1;
    }
    if (e instanceof UsageError || e instanceof QemuUsageError) {
      process.stderr.write(`unishyper ${cmd}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof ToolMissingError) {
      process.stderr.write(`unishyper: ${e.message}\n`);
      return 127;
    }
    // AppConfigError and build failures: the message names the file and the fix.
    process.stderr.write(`unishyper: ${(e as Error).message}\n`);
    return 1;
  }
}

type Values = { [K in OptionName]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : (typeof OPTIONS)[K] extends { multiple: true } ? string[] : string };

async function programCommand(cmd: 'build' | 'run', entry: string | undefined, values: Values, cc: CCompiler, progress?: (m: string) => void): Promise<number> {
  if (!entry) {
    process.stderr.write(`unishyper ${cmd}: missing the entry file, e.g. 'unishyper ${cmd} src/main.ts'\n`);
    return 2;
  }
  const target = (values.target ?? 'linux-user') as Target;
  if (target !== 'linux-user' && target !== 'host-sanitize') {
    process.stderr.write(`unishyper: unknown target '${target}' (linux-user or host-sanitize)\n`);
    return 2;
  }
  const outDir = values['out-dir'] ?? path.join('build', path.basename(entry).replace(/\.ts$/, ''));
  const r = await buildProgram({ entry, outDir, target, cc, progress });
  progress?.(`wrote ${r.elf} (C: ${r.cFile})`);
  if (cmd === 'build') return 0;
  const out = await runNative(r.elf);
  process.stdout.write(out.stdout);
  process.stderr.write(out.stderr);
  return out.exitCode;
}

function machineOptions(values: Values): Omit<QemuOptions, 'kernel' | 'boardArgs'> {
  const int = (flag: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new UsageError(`--${flag} must be a positive integer, not '${v}'`);
    return Number(v);
  };
  const gic = values.gic;
  if (gic !== undefined && gic !== '2' && gic !== '3') throw new UsageError(`--gic must be 2 or 3, not '${gic}'`);
  return {
    smp: int('smp', values.smp),
    memory: values.memory,
    gic: gic === undefined ? undefined : (Number(gic) as 2 | 3),
    el2: values.el2,
    extraArgs: (values['qemu-args'] ?? []).flatMap((s) => splitArgs(s)),
  };
}

/** The seed's tap device (make tap_setup): tap0, the host 10.0.0.1/24, the guest 10.0.0.2. */
const SEED_TAP = 'tap0';

function netOption(v: string | undefined): NetMode {
  if (v === undefined || v === 'user') return { kind: 'user' };
  if (v === 'tap') return { kind: 'tap', ifname: SEED_TAP };
  throw new UsageError(`--net must be user or tap, not '${v}'`);
}

const rel = (p: string) => path.relative(process.cwd(), p) || p;

function kib(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB`;
}

interface Image {
  app: ResolvedApp;
  elf: string;
  /** What QEMU boots as the kernel: the ELF or, for boards that boot an image header, the raw binary. */
  bootFile: string;
  qemuArgs: string[];
  /** One line: where the image is and how big. */
  summary: string;
}

function summary(r: ImageResult): string {
  const uboot = r.uboot ? `; u-boot ${rel(r.uboot.uImage)}, ${rel(r.uboot.bootScr)}` : '';
  return `image ${rel(r.elf)}: ${kib(r.loadBytes)} loaded (text, rodata, data); raw ${rel(r.bin)} ${kib(r.binBytes)}; C ${rel(r.cFile)}${uboot}`;
}

/** Builds the image (or, with --no-build, finds the existing one). */
async function imageFor(appDir: string, outDir: string | undefined, board: string | undefined, cc: CCompiler, noBuild: boolean, progress?: (m: string) => void): Promise<Image> {
  if (noBuild) return existingImage(appDir, outDir, board);
  const r = await buildImage({ appDir, outDir, cc, board, progress });
  return { app: r.app, elf: r.elf, bootFile: r.bootFile, qemuArgs: r.qemuArgs, summary: summary(r) };
}

/** The directory --unilib names, absolute; a UsageError when the app cannot serve it. */
function servedDirOption(app: ResolvedApp, dir: string): string {
  if (!app.features.includes('unilib')) throw new UsageError(`--unilib: ${app.name} has no 'unilib' feature (add it to features in ${rel(app.configFile)})`);
  const abs = path.resolve(dir);
  const problem = servedPathProblem(abs);
  if (problem) throw new UsageError(`--unilib ${dir}: ${problem}`);
  return abs;
}

/** The image a previous build left, and the board's QEMU arguments (from the config, without compiling). */
async function existingImage(appDir: string, outDir: string | undefined, board: string | undefined): Promise<Image> {
  const app = await loadAppConfig(appDir, board);
  const dir = path.resolve(outDir ?? defaultOutDir(app.dir, board));
  const elf = path.join(dir, `${app.name}.elf`);
  const meta = boardMeta(app);
  const { bootFile, qemuArgs } = bootFileFor(meta, elf, path.join(dir, `${app.name}.bin`), app.board);
  for (const f of new Set([elf, bootFile])) if (!fs.existsSync(f)) throw new UsageError(`--no-build: ${rel(f)} does not exist; build it first (unishyper image ${appDir})`);
  return { app, elf, bootFile, qemuArgs, summary: `image ${rel(bootFile)} (--no-build: not rebuilt)` };
}

async function qemuCommand(opts: QemuOptions, timeout: string | undefined, diskImages: string[], progress?: (m: string) => void): Promise<number> {
  let timeoutS: number | undefined;
  if (timeout !== undefined) {
    timeoutS = Number(timeout);
    if (!(timeoutS > 0)) throw new UsageError(`--timeout must be a positive number of seconds, not '${timeout}'`);
  }
  const args = qemuArgs(opts);
  progress?.(`${shellQuote([qemuBinary(), ...args])}`);
  const r = await runQemu(args, { stdio: 'inherit', timeoutS });
  const locked = diskImages.find((img) => r.stderr.includes(`Failed to get "write" lock`) && r.stderr.includes(img));
  if (locked) process.stderr.write(`unishyper: ${rel(locked)} is in use by another QEMU (is this app already running?); stop that one, or boot this one with --no-disks\n`);
  if (r.timedOut) process.stderr.write(`unishyper: QEMU stopped after --timeout ${timeout} s (exit ${TIMEOUT_STATUS})\n`);
  else if (r.signal) process.stderr.write(`unishyper: QEMU was killed by ${r.signal}\n`);
  return r.status;
}

async function debugCommand(base: QemuOptions, elf: string, values: Values, progress?: (m: string) => void): Promise<number> {
  const portText = values.port ?? '1234';
  if (!/^\d+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) throw new UsageError(`--port must be a TCP port, not '${portText}'`);
  const port = Number(portText);
  const batch = values['gdb-batch'];
  if (batch !== undefined && !fs.existsSync(batch)) throw new UsageError(`--gdb-batch: ${batch} does not exist`);
  if (batch !== undefined && values['no-gdb']) throw new UsageError('--gdb-batch and --no-gdb exclude each other');
  const args = qemuArgs({ ...base, gdbPort: port, waitForDebugger: true });
  const attach = shellQuote([gdbBinary(), ...gdbArgs(rel(elf), port)]);
  if (values['no-gdb']) {
    // QEMU in the foreground, console on the terminal; the CPUs wait for a debugger.
    process.stderr.write(`[unishyper] ${shellQuote([qemuBinary(), ...args])}\n`);
    process.stderr.write(`[unishyper] QEMU is stopped at the first instruction, gdb stub on 127.0.0.1:${port}. Attach with:\n[unishyper]   ${attach}\n`);
    return (await runQemu(args, { stdio: 'inherit' })).status;
  }
  progress?.(`${shellQuote([qemuBinary(), ...args])} &`);
  const qemu = await startQemuForDebug(args, port);
  // QEMU is in its own process group: make sure it never outlives us.
  const killOnExit = () => qemu.kill('SIGKILL');
  process.on('exit', killOnExit);
  try {
    const gargs = gdbArgs(elf, port, batch);
    progress?.(shellQuote([gdbBinary(), ...gargs]));
    return await runGdb(gargs);
  } finally {
    await stopQemu(qemu);
    process.off('exit', killOnExit);
  }
}

/**
 * gdb in the foreground: it owns the terminal, Ctrl-C interrupts the target
 * (we ignore SIGINT meanwhile). SIGTERM/SIGHUP sent to us end gdb too.
 * Resolves with gdb's status.
 */
function runGdb(args: string[]): Promise<number> {
  const bin = gdbBinary();
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: 'inherit' });
    const onSigint = () => {};
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', forward);
    process.on('SIGHUP', forward);
    const done = () => {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', forward);
      process.off('SIGHUP', forward);
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      done();
      reject(e.code === 'ENOENT' ? missingGdb(bin) : e);
    });
    child.on('close', (code, signal) => {
      done();
      resolve(code ?? 128 + ((signal && (osConstants.signals as Record<string, number>)[signal]) || 0));
    });
  });
}

process.exitCode = await main(process.argv.slice(2));
