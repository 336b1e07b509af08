// First-boot figures for apps/hello (docs/benchmarks.md): image size, RAM in
// use at main, and guest instructions from reset to main under QEMU -icount
// (shift=4: the 62.5 MHz virtual counter advances one tick per instruction).
//
//   pnpm --filter @unishyper/codegen bench:boot
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildImage, qemuArgs } from '../src/index.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const TARGETS = { image: 48 * 1024, ram: 96 * 1024 };

const img = await buildImage({ appDir: path.join(repo, 'apps/hello') });
const run = spawnSync('qemu-system-aarch64', qemuArgs({ kernel: img.elf, boardArgs: img.qemuArgs, memory: '128M', extraArgs: ['-icount', 'shift=4,align=off,sleep=off'] }), { encoding: 'utf8', timeout: 60_000 });
const out = run.stdout ?? '';
const ram = /memory in use: (\d+) bytes \(image with stacks (\d+), heap (\d+)\)/.exec(out);
const ticks = /main reached (\d+) counter ticks after reset/.exec(out);
if (run.status !== 0 || !ram || !ticks) {
  process.stderr.write(`hello did not boot as expected (status ${run.status}):\n${out}${run.stderr ?? ''}\n`);
  process.exit(1);
}
const row = (name: string, value: number, target?: number) =>
  `${name.padEnd(34)} ${String(value).padStart(9)}${target ? `   target <= ${target} (${value <= target ? 'pass' : 'FAIL'})` : ''}`;
console.log('apps/hello on qemu-system-aarch64 -M virt -cpu cortex-a53 -m 128M\n');
console.log(row('ELF loadable bytes', img.loadBytes, TARGETS.image));
console.log(row('raw image bytes (.bin)', img.binBytes, TARGETS.image));
console.log(row('RAM in use at main', Number(ram[1]), TARGETS.ram));
console.log(row('  image + .bss + boot stack', Number(ram[2])));
console.log(row('  heap (control block + used)', Number(ram[3])));
console.log(row('instructions from reset to main', Number(ticks[1])));
const failed = img.loadBytes > TARGETS.image || img.binBytes > TARGETS.image || Number(ram[1]) > TARGETS.ram;
process.exit(failed && process.argv.includes('--strict') ? 1 : 0);
