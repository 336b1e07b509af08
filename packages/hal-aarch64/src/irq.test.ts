import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureConsole, catchPanic, getSysreg, heapStats, resetMachine } from '@unishyper/rt/sim';
import { GicV2 } from './gicv2';
import { GicV3 } from './gicv3';
import type { IrqController } from './irq-controller';
import {
  initInterrupts,
  irqController,
  irqCount,
  irqDisable,
  irqEnable,
  irqRestore,
  irqSave,
  irqsEnabled,
  registerIrq,
  spuriousIrqCount,
  unhandledIrqCount,
  unregisterIrq,
} from './irq';
import { halTrap } from './trap';
import { resetHal, SimCpu, SimGicV2, SimGicV3 } from './sim';

interface Machine {
  gic: SimGicV2 | SimGicV3;
  driver: IrqController;
}

const machines: Record<string, () => Machine> = {
  GICv2: () => ({ gic: new SimGicV2().map(), driver: new GicV2(0x0800_0000, 0x0801_0000) }),
  GICv3: () => ({ gic: new SimGicV3().map(), driver: new GicV3(0x0800_0000, 0x080a_0000, 0x00f6_0000, 8) }),
};

beforeEach(() => {
  resetMachine();
  resetHal();
});

afterEach(() => resetHal());

describe('IRQ masking at the CPU', () => {
  it('clears and sets PSTATE.I only', () => {
    expect(irqsEnabled()).toBe(false);
    irqEnable();
    expect(getSysreg('DAIF')).toBe(0x340n); // D, A, F stay masked
    expect(irqsEnabled()).toBe(true);
    irqDisable();
    expect(getSysreg('DAIF')).toBe(0x3c0n);
  });

  it('irqSave/irqRestore nest', () => {
    irqEnable();
    const outer = irqSave();
    expect(irqsEnabled()).toBe(false);
    const inner = irqSave();
    irqRestore(inner);
    expect(irqsEnabled()).toBe(false);
    irqRestore(outer);
    expect(irqsEnabled()).toBe(true);
  });
});

for (const [name, make] of Object.entries(machines)) {
  describe(`interrupt dispatch on ${name}`, () => {
    let m: Machine;
    let cpu: SimCpu;

    beforeEach(() => {
      m = make();
      cpu = new SimCpu(m.gic).install();
      initInterrupts(m.driver);
    });

    it('calls the handler registered for the interrupt, then ends it', () => {
      const seen: number[] = [];
      registerIrq(40, (irq) => seen.push(irq));
      expect(m.gic.irq(40).enabled).toBe(true);
      m.gic.pulse(40);
      expect(cpu.poll()).toBe(0); // IRQs still masked at the CPU
      irqEnable(); // unmasking takes it at once
      expect(seen).toEqual([40]);
      expect(m.gic.irq(40).active).toBe(false);
      expect(irqCount(40)).toBe(1);
      expect(cpu.taken).toBe(1);
      expect(m.gic.errors).toEqual([]);
    });

    it('handles several pending interrupts in one exception, most urgent first', () => {
      const seen: number[] = [];
      for (const id of [33, 40, 50]) registerIrq(id, (irq) => seen.push(irq));
      irqController().setPriority(50, 0x10);
      m.gic.pulse(33);
      m.gic.pulse(40);
      m.gic.pulse(50);
      irqEnable();
      expect(seen).toEqual([50, 33, 40]);
      expect(cpu.taken).toBe(1);
      expect(m.gic.errors).toEqual([]);
    });

    it('a level-sensitive device is served until its handler lowers the line', () => {
      let level = 3;
      m.gic.connectLine(33, () => level > 0);
      registerIrq(33, () => {
        level--;
      });
      irqEnable();
      expect(level).toBe(0);
      expect(irqCount(33)).toBe(3);
      expect(m.gic.errors).toEqual([]);
    });

    it('disables and reports an interrupt without a handler', () => {
      irqController().enable(45);
      m.gic.pulse(45);
      const out = captureConsole(() => irqEnable());
      expect(out).toBe('irq: interrupt 45 has no handler; disabled it\n');
      expect(m.gic.irq(45).enabled).toBe(false);
      expect(unhandledIrqCount()).toBe(1);
      expect(m.gic.errors).toEqual([]);
    });

    it('counts an exception that finds nothing pending as spurious', () => {
      halTrap(0x4000_0000, 5);
      expect(spuriousIrqCount()).toBe(1);
    });

    it('refuses a second handler and out-of-range ids', () => {
      registerIrq(40, () => {});
      let msg: string | null = null;
      const out = captureConsole(() => {
        msg = catchPanic(() => registerIrq(40, () => {}));
      });
      expect(msg).toBe('registerIrq: interrupt already has a handler');
      expect(out).toBe('registerIrq: interrupt 40 already has a handler\n');
      captureConsole(() => {
        msg = catchPanic(() => registerIrq(288, () => {}));
      });
      expect(msg).toBe('registerIrq: interrupt id out of range');
    });

    it('unregisterIrq disables the interrupt and hands the handler back', () => {
      const h = (_irq: number): void => {};
      registerIrq(41, h);
      expect(unregisterIrq(41)).toBe(h);
      expect(m.gic.irq(41).enabled).toBe(false);
      expect(unregisterIrq(41)).toBe(null);
      registerIrq(41, h); // free again
    });

    it('allocates nothing while dispatching', () => {
      let n = 0;
      registerIrq(40, () => {
        n++;
      });
      irqEnable();
      const before = heapStats();
      for (let i = 0; i < 100; i++) {
        m.gic.pulse(40);
        cpu.poll();
      }
      expect(n).toBe(100);
      expect(heapStats()).toEqual(before);
    });

    it('refuses to initialise twice', () => {
      expect(catchPanic(() => initInterrupts(m.driver))).toBe('initInterrupts: interrupts are already initialised');
    });
  });
}
