/**
 * apps/hello built for the TX2 (`board: 'tx2'`): what u-boot gets, checked
 * with the tools that read it (readelf, mkimage -l), since there is no TX2
 * here to boot it on. The ELF links at 0x8008_0000; the raw binary is an
 * arm64 Image whose header says text_offset 0x80000 (u-boot's booti puts it
 * at the start of RAM + that); the uImage says load and entry 0x8008_0000;
 * boot.scr loads the raw image there and boots it with booti.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, type ImageResult } from '@unishyper/codegen';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unishyper-tx2-'));
let img: ImageResult;

beforeAll(async () => {
  img = await buildImage({ appDir: path.join(repo, 'apps/hello'), outDir, board: 'tx2' });
}, 300_000);

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

const tool = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

describe('hello for the TX2', () => {
  it('links at the load address u-boot uses, 0x8008_0000, entered at _start', () => {
    const headers = tool('aarch64-linux-gnu-readelf', ['-hlW', img.elf]);
    expect(headers).toMatch(/Machine:\s+AArch64/);
    const load = /^\s*LOAD\s+\S+\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)/m.exec(headers);
    expect(load).not.toBeNull();
    expect(Number(load![1])).toBe(0x8008_0000); // virtual
    expect(Number(load![2])).toBe(0x8008_0000); // physical
    const entry = Number(/Entry point address:\s+(0x[0-9a-f]+)/.exec(headers)![1]);
    const start = /^([0-9a-f]+) T _start$/m.exec(tool('aarch64-linux-gnu-nm', [img.elf]));
    expect(entry).toBe(Number.parseInt(start![1]!, 16));
  });

  it('is an arm64 Image: branch to _start, text_offset 0x80000, its size with .bss, the magic', () => {
    expect(img.bootFile).toBe(img.bin);
    expect(img.qemuArgs).toEqual([]); // no QEMU machine is a TX2
    const bin = fs.readFileSync(img.bin);
    const head = new DataView(bin.buffer, bin.byteOffset, 64);
    const code0 = head.getUint32(0, true);
    expect(code0 >>> 26).toBe(0b000101); // B <imm26>
    const entry = Number(/Entry point address:\s+(0x[0-9a-f]+)/.exec(tool('aarch64-linux-gnu-readelf', ['-h', img.elf]))![1]);
    expect(0x8008_0000 + (code0 & 0x3ff_ffff) * 4).toBe(entry); // it branches to _start
    expect(head.getBigUint64(8, true)).toBe(0x80000n); // text_offset: 0x8008_0000 within its GiB
    expect(Number(head.getBigUint64(16, true))).toBeGreaterThanOrEqual(bin.length);
    expect(head.getBigUint64(24, true)).toBe(2n); // little endian, 4 KiB pages
    expect(bin.subarray(0x38, 0x3c).toString('latin1')).toBe('ARM\x64');
  });

  it("carries the TX2's memory map: devices below 0x8000_0000, RAM up to 4 GiB", () => {
    const sym = /^([0-9a-f]+) R hal_memory_map$/m.exec(tool('aarch64-linux-gnu-nm', [img.elf]));
    expect(sym).not.toBeNull();
    const bin = fs.readFileSync(img.bin);
    const at = Number.parseInt(sym![1]!, 16) - 0x8008_0000;
    const quads = Array.from({ length: 9 }, (_, i) => bin.readBigUInt64LE(at + 8 * i));
    expect(quads).toEqual([0n, 0x8000_0000n, 0n, 0x8000_0000n, 0x1_0000_0000n, 1n, 0n, 0n, 0n]);
  });

  it('has a uImage with load address and entry 0x8008_0000, arm64, an uncompressed kernel', () => {
    expect(img.uboot).not.toBeNull();
    const l = tool('mkimage', ['-l', img.uboot!.uImage]);
    expect(l).toMatch(/Image Type:\s+AArch64 Linux Kernel Image \(uncompressed\)/);
    expect(l).toMatch(/Load Address:\s+80080000/);
    expect(l).toMatch(/Entry Point:\s+80080000/);
    expect(l).toMatch(/Image Name:\s+Unishyper hello tx2/);
    // The payload is the raw image, byte for byte, after the 64-byte header.
    expect(fs.readFileSync(img.uboot!.uImage).subarray(64).equals(fs.readFileSync(img.bin))).toBe(true);
  });

  it('has a boot script that loads the raw image at 0x8008_0000 and boots it with booti', () => {
    const cmd = fs.readFileSync(img.uboot!.bootCmd, 'utf8');
    const commands = cmd.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(commands).toEqual(['setenv fdt_high 0xffffffff', 'load ${devtype} ${devnum}:${distro_bootpart} 0x80080000 ${prefix}hello.bin', 'booti 0x80080000 - ${fdtcontroladdr}']);
    const l = tool('mkimage', ['-l', img.uboot!.bootScr]);
    expect(l).toMatch(/Image Type:\s+AArch64 Linux Script \(uncompressed\)/);
    // A script image: 4-byte length, 4 bytes of 0, then the text.
    const scr = fs.readFileSync(img.uboot!.bootScr);
    expect(scr.subarray(64 + 8, 64 + 8 + cmd.length).toString('utf8')).toBe(cmd);
  });
});
