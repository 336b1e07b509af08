// Cross-compiling and linking bench images: the harness, one glue file and
// one kernel object per image. Every C file is compiled with the compiler's
// own flags (ARCHITECTURE.md section 4), so both variants see the same gcc.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HARNESS_DIR = path.join(BENCH_DIR, 'harness');
export const REPO_ROOT = path.resolve(BENCH_DIR, '../../..');

export const CC = process.env.BENCH_CC ?? 'aarch64-linux-gnu-gcc';

/** The flags the compiler uses for emitted C; kernels of both variants get exactly these. */
export const KERNEL_CFLAGS = [
  '-O2',
  '-fomit-frame-pointer',
  '-ffreestanding',
  '-nostdlib',
  '-fwrapv',
  '-fno-strict-aliasing',
  '-mno-outline-atomics',
  '-mgeneral-regs-only',
] as const;

export class ToolError extends Error {}

function run(cmd: string, args: string[]): void {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new ToolError(`${cmd} ${args.join(' ')}\n${err.stderr?.toString() ?? err.message}`);
  }
}

/** True when the cross compiler can be run. */
export function haveCompiler(): boolean {
  try {
    execFileSync(CC, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Compiles one C or assembly file to an object with KERNEL_CFLAGS plus `extra`. */
export function compile(src: string, obj: string, extra: string[] = []): string {
  mkdirSync(path.dirname(obj), { recursive: true });
  run(CC, [...KERNEL_CFLAGS, '-g', '-Wall', '-Wextra', ...extra, '-c', src, '-o', obj]);
  return obj;
}

/** The harness objects (boot code, counters and UART, baseline call, libc bits), built into outDir. */
export function buildHarness(outDir: string): string[] {
  const dir = path.join(outDir, 'harness');
  return [
    compile(path.join(HARNESS_DIR, 'start.S'), path.join(dir, 'start.o')),
    compile(path.join(HARNESS_DIR, 'harness.c'), path.join(dir, 'harness.o')),
    compile(path.join(HARNESS_DIR, 'nop.c'), path.join(dir, 'nop.o')),
    compile(path.join(HARNESS_DIR, 'rt_target.c'), path.join(dir, 'rt_target.o')),
    compile(path.join(HARNESS_DIR, 'libc.c'), path.join(dir, 'libc.o'), ['-fno-tree-loop-distribute-patterns']),
  ];
}

/** Links a bootable image for QEMU virt. */
export function link(objects: string[], elf: string): string {
  mkdirSync(path.dirname(elf), { recursive: true });
  run(CC, [
    ...KERNEL_CFLAGS,
    '-static',
    '-T',
    path.join(HARNESS_DIR, 'link.ld'),
    '-Wl,--build-id=none',
    '-Wl,--no-warn-rwx-segments',
    ...objects,
    '-lgcc',
    '-o',
    elf,
  ]);
  return elf;
}
