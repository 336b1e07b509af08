import { beforeEach, describe, expect, it } from 'vitest';
import { catchPanic, getSysreg, mapDevice, resetMachine, setSysreg } from '@unishyper/rt/sim';
import { GicV3 } from './gicv3';
import { DEFAULT_PRIORITY, SPURIOUS_IRQ } from './irq-controller';
import { SimGicV3 } from './sim';

const DIST = 0x0800_0000;
const REDIST = 0x080a_0000;
const REDIST_SIZE = 0x00f6_0000;

let model: SimGicV3;
let gic: GicV3;

function core(i: number): void {
  setSysreg('MPIDR_EL1', SimGicV3.mpidr(i));
}

beforeEach(() => {
  resetMachine();
  model = new SimGicV3({ cores: 4 }).map(DIST, REDIST);
  gic = new GicV3(DIST, REDIST, REDIST_SIZE, 8);
});

describe('GICv3 driver', () => {
  it('initialises with affinity routing, Group 1 everywhere, SPIs routed to the boot core, the redistributor awake', () => {
    model.pulse(40);
    gic.init();
    expect(gic.name()).toBe('GICv3');
    expect(gic.lineCount()).toBe(288);
    const c = model.control(0);
    expect(c.distributor).toBe(0x12); // ARE | EnableGrp1
    expect(c.asleep).toBe(false);
    expect(c.groupEnable1).toBe(1);
    expect(c.iccCtlr).toBe(0);
    expect(model.priorityMaskOf(0)).toBe(0xf8);
    expect(model.control(1).asleep).toBe(true); // other cores' redistributors stay asleep until their initCpu
    for (const id of [0, 15, 16, 27, 31, 32, 33, 100, 287]) {
      const v = model.irq(id);
      expect(v.enabled, `irq ${id}`).toBe(false);
      expect(v.group, `irq ${id}`).toBe(1);
      expect(v.priority, `irq ${id}`).toBe(DEFAULT_PRIORITY);
      if (id >= 32) expect(v.route, `irq ${id}`).toBe(0n);
    }
    expect(model.irq(40).pending).toBe(false);
    expect(model.errors).toEqual([]);
  });

  it('finds its own redistributor by affinity and routes SPIs to it', () => {
    core(2);
    gic.init();
    expect(model.control(2).asleep).toBe(false);
    expect(model.control(0).asleep).toBe(true);
    expect(model.irq(100).route).toBe(2n);
    gic.enable(100);
    model.pulse(100);
    expect(model.irqSignalled(2)).toBe(true);
    expect(gic.acknowledge()).toBe(100);
    gic.endOfInterrupt(100);
    expect(model.errors).toEqual([]);
  });

  it('routes by Aff1 as well (core 17 is Aff1 1, Aff0 1)', () => {
    resetMachine();
    const big = new SimGicV3({ cores: 20 }).map(DIST, REDIST);
    const g = new GicV3(DIST, REDIST, REDIST_SIZE, 32);
    core(17);
    g.init();
    expect(big.control(17).asleep).toBe(false);
    expect(big.irq(40).route).toBe(0x101n);
    g.enable(27);
    expect(big.irq(27, 17).enabled).toBe(true);
    expect(big.irq(27, 1).enabled).toBe(false);
    expect(big.errors).toEqual([]);
  });

  it('sets ICC_SRE_EL1.SRE and panics when the system-register interface stays off', () => {
    gic.init();
    resetMachine();
    const off = new SimGicV3({ systemRegisters: false }).map(DIST, REDIST);
    const g = new GicV3(DIST, REDIST, REDIST_SIZE, 8);
    expect(catchPanic(() => g.init())).toBe('GICv3: the system register interface is disabled (ICC_SRE_EL1.SRE stays 0)');
    expect(off.errors).toEqual([]);
  });

  it('enables PPIs and SGIs in the redistributor and SPIs in the distributor', () => {
    gic.init();
    gic.enable(27);
    gic.enable(1);
    gic.enable(33);
    expect(model.irq(27).enabled).toBe(true);
    expect(model.irq(1).enabled).toBe(true);
    expect(model.irq(33).enabled).toBe(true);
    gic.disable(27);
    gic.disable(33);
    expect(model.irq(27).enabled).toBe(false);
    expect(model.irq(33).enabled).toBe(false);
    expect(model.errors).toEqual([]); // the model flags distributor writes to the SGI/PPI banks
  });

  it('acknowledges and ends interrupts through ICC_IAR1_EL1 / ICC_EOIR1_EL1', () => {
    gic.init();
    expect(gic.acknowledge()).toBe(SPURIOUS_IRQ);
    let timer = false;
    model.connectLine(27, () => timer);
    gic.enable(27);
    gic.enable(40);
    gic.setPriority(40, 0x80);
    timer = true;
    model.pulse(40);
    expect(gic.acknowledge()).toBe(40); // more urgent
    expect(gic.acknowledge()).toBe(SPURIOUS_IRQ); // 27 is less urgent than the running priority
    gic.endOfInterrupt(40);
    expect(gic.acknowledge()).toBe(27);
    timer = false;
    gic.endOfInterrupt(27);
    expect(gic.acknowledge()).toBe(SPURIOUS_IRQ);
    expect(model.errors).toEqual([]);
  });

  it('sets priorities and triggers of private and shared interrupts', () => {
    gic.init();
    gic.setPriority(20, 0x10);
    gic.setPriority(300 - 13, 0x30);
    expect(gic.priority(20)).toBe(0x10);
    expect(gic.priority(287)).toBe(0x30);
    expect(gic.priority(21)).toBe(DEFAULT_PRIORITY);
    gic.setTrigger(20, true);
    gic.setTrigger(50, true);
    expect(model.irq(20).edge).toBe(true);
    expect(model.irq(50).edge).toBe(true);
    expect(model.errors).toEqual([]);
  });

  it('sends SGIs with ICC_SGI1R_EL1 (Aff1 and the Aff0 target list)', () => {
    resetMachine();
    const big = new SimGicV3({ cores: 20 }).map(DIST, REDIST);
    const g = new GicV3(DIST, REDIST, REDIST_SIZE, 32);
    g.init();
    g.sendSgi(1, 3);
    g.sendSgi(18, 7);
    expect(big.sgiLog).toEqual([
      { from: 0, to: 1, sgi: 3 },
      { from: 0, to: 18, sgi: 7 },
    ]);
    core(18);
    g.initCpu();
    g.enable(7);
    expect(g.acknowledge()).toBe(7);
    g.endOfInterrupt(7);
    expect(big.errors).toEqual([]);
  });

  it('brings up a secondary core with initCpu', () => {
    gic.init();
    core(3);
    expect(catchPanic(() => gic.enable(27))).toBe("GICv3: this core's redistributor is not set up (initCpu)");
    gic.initCpu();
    expect(model.control(3).asleep).toBe(false);
    expect(model.control(3).groupEnable1).toBe(1);
    gic.enable(27);
    expect(model.irq(27, 3).enabled).toBe(true);
    expect(model.irq(27, 0).enabled).toBe(false);
    expect(model.errors).toEqual([]);
  });

  it('skips GICv4 redistributors (four frames each) while searching', () => {
    resetMachine();
    // A hand-made region: core 0 at +0 with VLPIS (stride 0x40000), core 1 at +0x40000, last.
    const frames = new Map<number, number>();
    const regs = (off: number): number => frames.get(off) ?? 0;
    frames.set(0x8, (0 << 8) | 2);
    frames.set(0xc, 0x0);
    frames.set(0x40008, (1 << 8) | (1 << 4));
    frames.set(0x4000c, 0x1);
    let waker1 = 6;
    mapDevice(REDIST, 0x80000, {
      read: (off) => (off === 0x40014 ? waker1 : regs(off)),
      write: (off, _w, v) => {
        if (off === 0x40014) waker1 = Number(v) & 2 ? 6 : 0;
      },
    });
    mapDevice(DIST, 0x10000, { read: () => 0, write: () => {} });
    const g = new GicV3(DIST, REDIST, 0x80000, 4);
    setSysreg('MPIDR_EL1', 0x8000_0001n);
    g.initCpu();
    expect(waker1).toBe(0);
    expect(g.ownRedistributor()).toBe(REDIST + 0x40000);
  });

  it('panics when no redistributor matches or one never wakes', () => {
    resetMachine();
    new SimGicV3({ cores: 2 }).map(DIST, REDIST);
    core(5);
    expect(catchPanic(() => new GicV3(DIST, REDIST, REDIST_SIZE, 8).init())).toBe("GICv3: no redistributor matches this core's affinity");
    resetMachine();
    mapDevice(REDIST, 0x20000, { read: (off) => (off === 0x14 ? 6 : off === 0x8 ? 0x10 : 0), write: () => {} });
    expect(catchPanic(() => new GicV3(DIST, REDIST, 0x20000, 8).initCpu())).toBe('GICv3: the redistributor does not wake (GICR_WAKER.ChildrenAsleep stays 1)');
  }, 60_000);

  it('sets ID_AA64PFR0_EL1.GIC in the model (the CPU has the system registers)', () => {
    expect((getSysreg('ID_AA64PFR0_EL1') >> 24n) & 0xfn).toBe(1n);
  });
});
