/**
 * apps/user boots in QEMU with -smp 4 (as `nx run user:qemu` does) and every
 * part of the demo reports success, including the thread that faults on
 * purpose: it is reported by name and the others finish.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildImage } from '@unishyper/codegen';
import { bootImage, type BootResult } from '@unishyper/codegen/testing';

const app = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

function expectDemoPassed(r: BootResult): void {
    expect(r.stdout).toContain('scheduler on 4 core(s)');
    expect(r.stdout).toContain('consumer on core 2 summed 500500 (expected 500500)');
    expect(r.stdout).toContain('counter 80000 (expected 80000)');
    expect(r.stdout).toContain('sleepers: 3 of 3 woke no earlier than asked');
    expect(r.stdout).toMatch(/\*\*\* thread \d+ "faulty" faulted on core \d: ending it/);
    expect(r.stdout).toMatch(/faulty thread joined with -1; heap in use before (\d+), after \1\n/);
    expect(r.stdout).toContain('user demo passed');
    expect(r.status).toBe(0);
}

describe('apps/user', () => {
  it('runs threads on four cores and survives its faulting thread', async () => {
    const img = await buildImage({ appDir: app });
    const r = await bootImage(img.elf, { gic: 2, smp: 4, memMiB: 128 }, { timeoutMs: 120_000, boardArgs: img.qemuArgs });
    expectDemoPassed(r);
  }, 180_000);

  it('does the same on the Raspberry Pi 3 board from the same source (--board raspi3b)', async () => {
    const img = await buildImage({ appDir: app, board: 'raspi3b' });
    expect(img.qemuArgs).toEqual(['-M', 'raspi3b']);
    expect(img.bootFile).toBe(img.bin); // booted as an arm64 Image: QEMU's loader parks cores 1-3 in its spin table
    const r = await bootImage(img.bootFile, { smp: 4, memMiB: 1024 }, { timeoutMs: 120_000, boardArgs: img.qemuArgs });
    expect(r.stdout).toContain('BCM2836: 104 interrupt ids; timer irq 27');
    expectDemoPassed(r);
    expect(r.stdout).toContain('workers finished on cores mask 15');
  }, 180_000);

  it('and as a guest of the shyper hypervisor (--board shyper: the EL2 stub, PSCI over HVC)', async () => {
    const img = await buildImage({ appDir: app, board: 'shyper' });
    expect(img.bootFile).toMatch(/shyper-hypervisor\.elf$/);
    const r = await bootImage(img.bootFile, { smp: 4, memMiB: 2048 }, { timeoutMs: 120_000, boardArgs: img.qemuArgs });
    expect(r.stdout).toContain('shyper-stub: EL2, stage 2 for the guest');
    expectDemoPassed(r);
    expect(r.stdout).toContain('workers finished on cores mask 15');
  }, 180_000);
});
