import { beforeEach, describe, expect, it } from 'vitest';
import { catchPanic, resetMachine, setSysreg } from '@unishyper/rt/sim';
import { SPURIOUS_IRQ } from '@unishyper/hal-aarch64';
import { BcmIrq, BCM_ARM_IRQ_BASE, BCM_GPU_IRQ_BASE, BCM_PMU_IRQ } from './bcm-irq';
import { SimBcmInterrupts } from './sim';

const LOCAL = 0x4000_0000;
const IC = 0x3f00_b200;

let model: SimBcmInterrupts;
let irq: BcmIrq;

function core(i: number): void {
  setSysreg('MPIDR_EL1', 0x8000_0000 + i);
}

beforeEach(() => {
  resetMachine();
  model = new SimBcmInterrupts().map(LOCAL, IC);
  irq = new BcmIrq(LOCAL, IC);
  core(0);
});

describe('BCM2836 local + BCM2835 interrupt controllers', () => {
  it('init turns everything off: timers, mailboxes, GPU and ARM lines, routes the GPU to core 0', () => {
    model.local.timerControl.fill(0xf);
    model.local.mailboxControl.fill(1);
    model.local.mailbox[2]![0] = 0x10;
    model.ic.enabled[0] = 0xffff_ffff;
    model.local.gpuRouting = 3;
    irq.init();
    expect(irq.name()).toBe('BCM2836');
    expect(irq.lineCount()).toBe(104);
    expect(model.local.timerControl).toEqual([0, 0, 0, 0]);
    expect(model.local.mailboxControl).toEqual([0, 0, 0, 0]);
    expect(model.local.mailbox[2]![0]).toBe(0);
    expect(model.ic.enabled).toEqual([0, 0]);
    expect(model.local.gpuRouting).toBe(0);
    expect(irq.acknowledge()).toBe(SPURIOUS_IRQ);
    expect(model.errors).toEqual([]);
  });

  it('delivers the virtual timer as id 27 on the core that enabled it, and only there', () => {
    irq.init();
    core(2);
    irq.enable(27);
    model.setTimerLine(2, 3, true);
    model.setTimerLine(1, 3, true); // core 1 did not enable it
    expect(model.irqSignalled(2)).toBe(true);
    expect(model.irqSignalled(1)).toBe(false);
    expect(irq.acknowledge()).toBe(27);
    irq.endOfInterrupt(27);
    core(1);
    expect(irq.acknowledge()).toBe(SPURIOUS_IRQ);
    core(2);
    irq.disable(27);
    expect(model.irqSignalled(2)).toBe(false);
    // The other timers keep their GIC numbers.
    irq.enable(30);
    model.setTimerLine(2, 1, true);
    expect(irq.acknowledge()).toBe(30);
  });

  it('sends SGIs through mailbox 0: the target takes each once, in id order', () => {
    irq.init();
    core(3);
    irq.enable(1);
    irq.enable(5);
    core(0);
    irq.sendSgi(3, 5);
    irq.sendSgi(3, 1);
    expect(model.irqSignalled(0)).toBe(false);
    expect(model.irqSignalled(3)).toBe(true);
    core(3);
    expect(irq.acknowledge()).toBe(1);
    expect(irq.acknowledge()).toBe(5);
    expect(irq.acknowledge()).toBe(SPURIOUS_IRQ);
    expect(model.irqSignalled(3)).toBe(false);
  });

  it('leaves an SGI the core has not enabled in the mailbox', () => {
    irq.init();
    core(1);
    irq.enable(2);
    irq.sendSgi(1, 7);
    expect(irq.acknowledge()).toBe(SPURIOUS_IRQ);
    expect(model.local.mailbox[1]![0]).toBe(1 << 7);
    irq.disable(2); // the last enabled SGI: mailbox interrupts off for this core
    expect(model.local.mailboxControl[1]).toBe(0);
  });

  it('maps GPU interrupts to 32 + n (UART0: 89) and ARM ones to 96 + n, through core 0', () => {
    irq.init();
    irq.enable(BCM_GPU_IRQ_BASE + 57);
    irq.enable(BCM_GPU_IRQ_BASE + 3);
    irq.enable(BCM_ARM_IRQ_BASE + 0);
    expect(model.ic.enabled).toEqual([1 << 3, 1 << 25]);
    model.setGpuLine(57, true);
    expect(irq.acknowledge()).toBe(89);
    model.setGpuLine(3, true);
    expect(irq.acknowledge()).toBe(35); // bank 1 first
    model.setGpuLine(3, false);
    model.setGpuLine(57, false);
    model.setArmLine(0, true);
    expect(irq.acknowledge()).toBe(96);
    model.setArmLine(0, false);
    model.setGpuLine(58, true); // not enabled
    expect(irq.acknowledge()).toBe(SPURIOUS_IRQ);
    irq.disable(89);
    expect(model.ic.enabled[1]).toBe(0);
    core(1);
    model.setGpuLine(3, true);
    expect(irq.acknowledge()).toBe(SPURIOUS_IRQ); // routed to core 0
  });

  it('routes the PMU interrupt per core', () => {
    irq.init();
    core(2);
    irq.enable(BCM_PMU_IRQ);
    expect(model.local.pmuRouting).toBe(1 << 2);
    irq.disable(BCM_PMU_IRQ);
    expect(model.local.pmuRouting).toBe(0);
  });

  it('refuses ids outside 0-103 and SGIs to cores that do not exist', () => {
    irq.init();
    expect(catchPanic(() => irq.enable(104))).toBe('interrupt id out of range');
    expect(catchPanic(() => irq.setPriority(-1, 0))).toBe('interrupt id out of range');
    expect(catchPanic(() => irq.sendSgi(4, 0))).toMatch(/core out of range/);
    expect(catchPanic(() => irq.sendSgi(0, 16))).toMatch(/SGI number out of range/);
  });

  it('initCpu clears only the calling core', () => {
    irq.init();
    core(1);
    irq.enable(27);
    core(2);
    irq.enable(27);
    irq.initCpu();
    expect(model.local.timerControl).toEqual([0, 8, 0, 0]);
  });
});
