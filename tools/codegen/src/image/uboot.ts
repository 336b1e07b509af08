// The files u-boot boots an image from, for boards whose package.json has
// "unishyper.uboot" (board-tx2): a legacy uImage of the raw binary (for
// `bootm`) and a boot script, boot.cmd, compiled to boot.scr, that loads the
// raw binary (an arm64 Image: it has the Linux image header) at the load
// address and boots it with `booti` and u-boot's device tree. mkimage is
// u-boot-tools'.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** package.json "unishyper.uboot". */
export interface UbootMeta {
  /** The device tree booti passes (a u-boot expression); default ${fdtcontroladdr}, the tree u-boot runs with. */
  fdt?: string;
}

export interface UbootFiles {
  uImage: string;
  bootCmd: string;
  bootScr: string;
}

export interface UbootOptions {
  /** App name: the files are <name>.uImage, boot.cmd and boot.scr beside `bin`. */
  name: string;
  board: string;
  /** The raw binary (with its arm64 image header). */
  bin: string;
  loadAddress: string;
  meta: UbootMeta;
  /** The mkimage to run (tests point it elsewhere). */
  mkimage?: string;
}

/** mkimage's image names are at most 32 bytes (IH_NMLEN). */
function imageName(text: string): string {
  return text.length <= 31 ? text : text.slice(0, 31);
}

/** The boot script: what u-boot's distro boot (or `source`) runs. */
export function bootScript(o: { name: string; board: string; binFile: string; loadAddress: string; fdt: string }): string {
  return [
    `# Unishyper ${o.name} for ${o.board}, made by tools/codegen (image/uboot.ts).`,
    `# u-boot's distro boot runs boot.scr from the partition holding it (devtype,`,
    `# devnum, distro_bootpart and prefix are its variables). By hand, set them`,
    `# first, e.g. setenv devtype mmc; setenv devnum 0; setenv distro_bootpart 1; setenv prefix /`,
    `# Keep the device tree below 4 GiB: the kernel maps only the low 4 GiB.`,
    `setenv fdt_high 0xffffffff`,
    `load \${devtype} \${devnum}:\${distro_bootpart} ${o.loadAddress} \${prefix}${o.binFile}`,
    `booti ${o.loadAddress} - ${o.fdt}`,
    '',
  ].join('\n');
}

async function mkimage(bin: string, args: string[]): Promise<void> {
  try {
    await run(bin, args);
  } catch (e) {
    const err = e as { code?: string; stderr?: string; message: string };
    if (err.code === 'ENOENT') throw new Error(`mkimage not found (${bin}): install u-boot-tools (apt-get install u-boot-tools) to make the u-boot files of this board`);
    throw new Error(`mkimage ${args.join(' ')} failed:\n${err.stderr ?? err.message}`);
  }
}

export async function makeUbootFiles(o: UbootOptions): Promise<UbootFiles> {
  const dir = path.dirname(o.bin);
  const tool = o.mkimage ?? 'mkimage';
  const uImage = path.join(dir, `${o.name}.uImage`);
  // -C none: the kernel is not compressed; load and entry are both the image's first byte (its header branches to _start).
  await mkimage(tool, ['-A', 'arm64', '-O', 'linux', '-T', 'kernel', '-C', 'none', '-a', o.loadAddress, '-e', o.loadAddress, '-n', imageName(`Unishyper ${o.name} ${o.board}`), '-d', o.bin, uImage]);
  const bootCmd = path.join(dir, 'boot.cmd');
  fs.writeFileSync(bootCmd, bootScript({ name: o.name, board: o.board, binFile: path.basename(o.bin), loadAddress: o.loadAddress, fdt: o.meta.fdt ?? '${fdtcontroladdr}' }));
  const bootScr = path.join(dir, 'boot.scr');
  await mkimage(tool, ['-A', 'arm64', '-O', 'linux', '-T', 'script', '-C', 'none', '-n', imageName(`Unishyper ${o.name} boot script`), '-d', bootCmd, bootScr]);
  return { uImage, bootCmd, bootScr };
}
