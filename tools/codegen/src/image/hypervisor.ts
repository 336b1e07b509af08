// Boards whose images run as the guest of a hypervisor of our own (the
// shyper board's EL2 stub): the board's package.json says
//   "unishyper": { "hypervisor": { "dir": "stub", "linkerScript": "stub.ld" } }
// and every .S and .c of that directory is compiled and linked with the
// script into <outDir>/<board>-hypervisor.elf. QEMU boots that as its
// kernel and loads the app's ELF into the guest's memory with
// `-device loader` (no cpu-num: the loader sets no PC; the hypervisor
// enters the guest itself).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface HypervisorMeta {
  /** Directory of the hypervisor's sources, relative to the board package. */
  dir: string;
  /** Its linker script, in that directory. */
  linkerScript: string;
  /** More compiler and linker flags (e.g. a -D choosing what the guest sees). */
  cflags?: string[];
}

const HV_CFLAGS = ['-O2', '-ffreestanding', '-nostdlib', '-mgeneral-regs-only', '-mstrict-align', '-fno-pie', '-no-pie', '-Wall', '-Wextra', '-Werror', '-Wl,--build-id=none', '-Wl,--no-warn-rwx-segments'];

/** Where the hypervisor of `board` goes in `outDir`. */
export function hypervisorElf(outDir: string, board: string): string {
  return path.join(outDir, `${board}-hypervisor.elf`);
}

/** Builds the hypervisor of the board package at `boardDir`; its ELF. */
export async function buildHypervisor(boardDir: string, hv: HypervisorMeta, outDir: string, board: string): Promise<string> {
  const dir = path.join(boardDir, hv.dir);
  const script = path.join(dir, hv.linkerScript);
  if (!fs.existsSync(script)) throw new Error(`${board}: hypervisor linker script ${script} does not exist`);
  const sources = fs.readdirSync(dir).filter((f) => /\.(S|c)$/.test(f)).sort().map((f) => path.join(dir, f));
  const elf = hypervisorElf(outDir, board);
  try {
    await run('aarch64-linux-gnu-gcc', [...HV_CFLAGS, ...(hv.cflags ?? []), '-T', script, ...sources, '-o', elf, '-lgcc'], { maxBuffer: 16 << 20 });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`aarch64-linux-gnu-gcc failed building the ${board} hypervisor:\n${err.stderr ?? err.message}`);
  }
  return elf;
}

/** The QEMU arguments that put the app's ELF into the guest's memory. */
export function guestLoaderArgs(appElf: string): string[] {
  return ['-device', `loader,file=${appElf}`];
}
