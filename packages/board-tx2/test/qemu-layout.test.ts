/**
 * The TX2 image itself, booted under QEMU: there is no TX2 machine in QEMU,
 * so board-shyper's EL2 stub, built with the TX2's layout (stub.h,
 * STUB_LAYOUT_TX2), presents one to it on `virt` with virtualization=on:
 * RAM from 0x8000_0000 where the image loads (0x8008_0000), an NS16550 at
 * UARTA's 0x0310_0000 (emulated on the PL011), and QEMU's GICv2 mapped by
 * stage 2 at the GIC-400's 0x0388_1000 (distributor) and 0x0388_2000 (CPU
 * interface). The same board code as on a TX2 runs: its NS16550 driver with
 * reg-shift 2, GicV2 at the TX2's addresses, the timer, and its exit. What
 * this does not show: UARTA's interrupt (the stub raises the PL011's, which
 * this board does not enable), PSCI CPU_ON (SMC reaches QEMU's firmware
 * directly, so a second core would start without the stub: one core), the
 * TX2's own firmware and u-boot.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildHypervisor, buildImage, guestLoaderArgs } from '@unishyper/codegen';
import { bootImage } from '@unishyper/codegen/testing';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unishyper-tx2-qemu-'));

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe('the tx2 image under QEMU, through the EL2 stub in the TX2 layout', () => {
  it('boots: console on UARTA, GIC-400 at its addresses, timer, exit status 0', async () => {
    const img = await buildImage({ appDir: path.join(repo, 'apps/hello'), outDir, board: 'tx2' });
    const stub = await buildHypervisor(path.join(repo, 'packages/board-shyper'), { dir: 'stub', linkerScript: 'stub.ld', cflags: ['-DSTUB_LAYOUT_TX2', '-Wl,--defsym=STUB_BASE=0x40000000'] }, outDir, 'tx2-layout');
    const r = await bootImage(stub, { gic: 2, el2: true, smp: 1, memMiB: 3072 }, { timeoutMs: 60_000, boardArgs: ['-M', 'virt', '-cpu', 'cortex-a53', ...guestLoaderArgs(img.elf)] });
    const log = `status ${r.status}${r.timedOut ? ' (timed out)' : ''}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
    expect(r.stdout, log).toContain('shyper-stub: EL2, stage 2 for the guest at 0x0000000080000000 (1 GiB), NS16550 at 0x0000000003100000 emulated\n');
    expect(r.stdout, log).toMatch(/^GICv2: 288 interrupt ids; timer irq 27 at 62500000 Hz; console irq 144$/m);
    expect(r.stdout, log).toContain('Unishyper hello on tx2: 1 core(s), 256 MiB RAM at 0x80000000');
    expect(r.stdout, log).toMatch(/^timer: irq 27 delivered after \d+ us/m);
    expect(r.status, log).toBe(0);
  }, 180_000);
});
