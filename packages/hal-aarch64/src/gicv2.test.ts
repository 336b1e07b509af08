import { beforeEach, describe, expect, it } from 'vitest';
import { captureConsole, catchPanic, resetMachine, setSysreg } from '@unishyper/rt/sim';
import { GicV2 } from './gicv2';
import { DEFAULT_PRIORITY, SPURIOUS_IRQ } from './irq-controller';
import { SimGicV2 } from './sim';

const DIST = 0x0800_0000;
const CPU = 0x0801_0000;

let model: SimGicV2;
let gic: GicV2;

function core(i: number): void {
  setSysreg('MPIDR_EL1', 0x8000_0000 + i);
}

beforeEach(() => {
  resetMachine();
  model = new SimGicV2({ cores: 4 }).map(DIST, CPU);
  gic = new GicV2(DIST, CPU);
});

describe('GICv2 driver', () => {
  it('initialises distributor and CPU interface: all off, default priority, SPIs to the boot core, enabled', () => {
    model.pulse(40); // pending from before the kernel: init clears it
    gic.init();
    expect(gic.name()).toBe('GICv2');
    expect(gic.lineCount()).toBe(288);
    expect(model.control()).toEqual({ distributor: 1, cpu: 1 });
    expect(model.priorityMaskOf(0)).toBe(0xf8); // 0xff with 5 implemented bits
    for (const id of [0, 15, 16, 27, 31, 32, 33, 100, 287]) {
      const v = model.irq(id);
      expect(v.enabled, `irq ${id}`).toBe(false);
      expect(v.priority, `irq ${id}`).toBe(DEFAULT_PRIORITY);
      if (id >= 32) expect(v.target, `irq ${id}`).toBe(1);
      if (id >= 32) expect(v.edge, `irq ${id}`).toBe(false);
    }
    expect(model.irq(40).pending).toBe(false);
    expect(model.errors).toEqual([]);
  });

  it('caps the line count at 1020 and reads it from GICD_TYPER', () => {
    resetMachine();
    new SimGicV2({ lines: 1024 }).map(DIST, CPU);
    const g = new GicV2(DIST, CPU);
    g.init();
    expect(g.lineCount()).toBe(1020);
    resetMachine();
    new SimGicV2({ lines: 64 }).map(DIST, CPU);
    const small = new GicV2(DIST, CPU);
    small.init();
    expect(small.lineCount()).toBe(64);
  });

  it('delivers an enabled SPI: acknowledge makes it active, end of interrupt finishes it', () => {
    gic.init();
    expect(gic.acknowledge()).toBe(SPURIOUS_IRQ);
    model.pulse(40);
    expect(model.irqSignalled(0)).toBe(false); // not enabled yet
    gic.enable(40);
    expect(model.irq(40).enabled).toBe(true);
    expect(model.irqSignalled(0)).toBe(true);
    expect(gic.acknowledge()).toBe(40);
    expect(model.irq(40).active).toBe(true);
    expect(model.irqSignalled(0)).toBe(false);
    gic.endOfInterrupt(40);
    expect(model.irq(40).active).toBe(false);
    expect(gic.acknowledge()).toBe(SPURIOUS_IRQ);
    expect(model.errors).toEqual([]);
  });

  it('keeps a level-sensitive interrupt pending while its line is high', () => {
    gic.init();
    let high = true;
    model.connectLine(33, () => high);
    gic.enable(33);
    expect(gic.acknowledge()).toBe(33);
    gic.endOfInterrupt(33);
    expect(gic.acknowledge()).toBe(33); // still asserted
    high = false;
    gic.endOfInterrupt(33);
    expect(gic.acknowledge()).toBe(SPURIOUS_IRQ);
    expect(model.errors).toEqual([]);
  });

  it('disables an interrupt', () => {
    gic.init();
    gic.enable(50);
    gic.disable(50);
    model.pulse(50);
    expect(model.irq(50).enabled).toBe(false);
    expect(gic.acknowledge()).toBe(SPURIOUS_IRQ);
  });

  it('orders by priority and honours the priority mask', () => {
    gic.init();
    gic.enable(40);
    gic.enable(41);
    gic.setPriority(41, 0x20);
    expect(gic.priority(41)).toBe(0x20);
    gic.setPriority(42, 0x27); // low bits not implemented
    expect(gic.priority(42)).toBe(0x20);
    expect(gic.priority(40)).toBe(DEFAULT_PRIORITY); // neighbours in the same register untouched
    expect(gic.priority(43)).toBe(DEFAULT_PRIORITY);
    model.pulse(40);
    model.pulse(41);
    expect(gic.acknowledge()).toBe(41);
    gic.endOfInterrupt(41);
    expect(gic.acknowledge()).toBe(40);
    gic.endOfInterrupt(40);
    gic.setPriority(40, 0xf8); // equal to the mask: never signalled
    model.pulse(40);
    expect(gic.acknowledge()).toBe(SPURIOUS_IRQ);
  });

  it('configures edge or level triggering for SPIs and leaves SGIs edge', () => {
    gic.init();
    gic.setTrigger(48, true);
    expect(model.irq(48).edge).toBe(true);
    expect(model.irq(49).edge).toBe(false);
    gic.setTrigger(48, false);
    expect(model.irq(48).edge).toBe(false);
    gic.setTrigger(3, false);
    expect(model.irq(3).edge).toBe(true);
  });

  it('routes SPIs to the core that enables them, found in ITARGETSR0', () => {
    core(2);
    gic.init();
    gic.enable(60);
    expect(model.irq(60).target).toBe(1 << 2);
    model.pulse(60);
    expect(model.irqSignalled(2)).toBe(true);
    expect(model.irqSignalled(0)).toBe(false);
  });

  it('routes to the only core of a uniprocessor GIC, whose ITARGETSR reads as zero', () => {
    resetMachine();
    const up = new SimGicV2({ cores: 1, uniprocessor: true }).map(DIST, CPU);
    const g = new GicV2(DIST, CPU);
    g.init();
    g.enable(40);
    up.pulse(40);
    expect(g.acknowledge()).toBe(40);
    g.endOfInterrupt(40);
    expect(up.errors).toEqual([]);
  });

  it('sends SGIs to a core and ends them with the sender named in GICC_EOIR', () => {
    gic.init();
    core(1);
    gic.initCpu();
    gic.enable(5); // core 1's SGI 5
    core(0);
    gic.sendSgi(1, 5);
    expect(model.sgiLog).toEqual([{ from: 0, to: 1, sgi: 5 }]);
    expect(model.irqSignalled(0)).toBe(false);
    core(1);
    expect(gic.acknowledge()).toBe(5);
    gic.endOfInterrupt(5);
    expect(model.irq(5, 1).active).toBe(false);
    expect(model.errors).toEqual([]);
  });

  it('ends an SGI from another core with that core in the EOI', () => {
    core(3);
    gic.init();
    gic.enable(2);
    core(1);
    gic.sendSgi(3, 2);
    core(3);
    expect(gic.acknowledge()).toBe(2);
    gic.endOfInterrupt(2);
    expect(model.errors).toEqual([]);
  });

  it('panics on interrupt ids it does not implement and on bad SGI arguments', () => {
    gic.init();
    let msg: string | null = null;
    const out = captureConsole(() => {
      msg = catchPanic(() => gic.enable(288));
    });
    expect(msg).toBe('interrupt id out of range');
    expect(out).toBe('GICv2: interrupt id 288 is not in 0-287\n');
    expect(catchPanic(() => gic.sendSgi(8, 0))).toBe('GICv2: SGI target core out of range 0-7');
    expect(catchPanic(() => gic.sendSgi(0, 16))).toBe('GICv2: SGI number out of range 0-15');
  });
});
