import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureConsole, catchPanic, getSysreg, resetMachine, setSysreg } from '@unishyper/rt/sim';
import { GicV3 } from './gicv3';
import { initInterrupts, irqCount, irqEnable } from './irq';
import { resetHal, SimCpu, SimGicV3 } from './sim';
import {
  initTimer,
  nowMs,
  nowNs,
  nowTicks,
  nowUs,
  nsToTicks,
  setTimerHandler,
  ticksToNs,
  ticksToUs,
  timerCancel,
  timerFiredCount,
  timerFrequency,
  timerIrq,
  timerSelfTest,
  timerSetAfterNs,
  timerSetDeadline,
} from './timer';

let gic: SimGicV3;
let cpu: SimCpu;

function boot(sysregs: { CNTFRQ_EL0?: number } = {}): void {
  resetMachine({ sysregs });
  resetHal();
  gic = new SimGicV3().map();
  cpu = new SimCpu(gic, { counterStep: 10 }).install();
  initInterrupts(new GicV3(0x0800_0000, 0x080a_0000, 0x00f6_0000, 8));
  initTimer(27);
}

beforeEach(() => boot());
afterEach(() => resetHal());

describe('generic timer: clock', () => {
  it('reads the frequency from CNTFRQ_EL0 and takes its interrupt', () => {
    expect(timerFrequency()).toBe(62_500_000);
    expect(timerIrq()).toBe(27);
    expect(gic.irq(27).enabled).toBe(true);
    expect(getSysreg('CNTV_CTL_EL0')).toBe(2n); // off (masked) until a deadline is set
  });

  it('refuses a zero frequency', () => {
    resetMachine({ sysregs: { CNTFRQ_EL0: 0 } });
    resetHal();
    expect(catchPanic(() => initTimer(27))).toBe('timer: CNTFRQ_EL0 is 0 (the firmware did not set the counter frequency)');
  });

  it('converts between ticks and time exactly', () => {
    expect(ticksToNs(62_500_000)).toBe(1_000_000_000);
    expect(ticksToNs(1)).toBe(16);
    expect(ticksToUs(62_500)).toBe(1000);
    expect(nsToTicks(16)).toBe(1);
    expect(nsToTicks(17)).toBe(2); // rounded up: a deadline never comes early
    expect(nsToTicks(1_000_000_000)).toBe(62_500_000);
    // Values whose sub-second product exceeds 2^53 (and a day of uptime).
    const day = 86_400 * 62_500_000 + 62_499_999;
    expect(ticksToNs(day)).toBe(86_400 * 1_000_000_000 + 999_999_984);
    expect(nsToTicks(86_400_999_999_984)).toBe(day);
  });

  it('converts with a frequency that does not divide a second (24 MHz on TX2, 19.2 MHz)', () => {
    boot({ CNTFRQ_EL0: 19_200_000 });
    expect(ticksToNs(19_200_000 * 3 + 1)).toBe(3_000_000_052);
    expect(nsToTicks(52)).toBe(1);
    for (const ns of [0, 1, 999, 1_000_000, 123_456_789_012]) {
      const t = nsToTicks(ns);
      expect(ticksToNs(t)).toBeGreaterThanOrEqual(ns);
      expect(ticksToNs(t - 1 < 0 ? 0 : t - 1)).toBeLessThanOrEqual(ns);
    }
  });

  it('reads the counter as time', () => {
    cpu.ticks = 62_500_000n * 5n - 10n; // the read advances it by 10
    expect(nowTicks()).toBe(312_500_000);
    expect(nowNs()).toBe(5_000_000_160);
    expect(nowUs()).toBe(5_000_000);
  });

  it('reads milliseconds in one division when the frequency is whole kHz, and exactly otherwise', () => {
    for (const [freq, ticks] of [[62_500_000, 62_499_990n], [62_500_000, 62_500_000n * 86_400n + 62_490n], [19_200_000, 19_199_990n], [19_200_001, 19_200_001n * 7n + 19_190n]] as const) {
      boot({ CNTFRQ_EL0: freq });
      cpu.ticks = ticks; // the read advances it by 10
      const t = Number(ticks) + 10;
      expect(nowMs(), `${freq} Hz, ${t} ticks`).toBe(Math.floor((t * 1000) / freq));
    }
  });
});

describe('generic timer: one-shot deadline', () => {
  it('programs CNTV_CVAL_EL0 and enables the timer', () => {
    timerSetDeadline(5000);
    expect(getSysreg('CNTV_CVAL_EL0')).toBe(5000n);
    expect(getSysreg('CNTV_CTL_EL0')).toBe(1n);
    timerCancel();
    expect(getSysreg('CNTV_CTL_EL0')).toBe(2n);
  });

  it('interrupts once the counter passes the deadline, turns itself off and calls the handler', () => {
    const at: bigint[] = [];
    setTimerHandler(() => at.push(cpu.ticks));
    irqEnable();
    timerSetDeadline(1000);
    cpu.advance(500);
    expect(at).toEqual([]);
    cpu.advance(600);
    expect(at).toHaveLength(1);
    expect(at[0]).toBeGreaterThanOrEqual(1000n);
    expect(timerFiredCount()).toBe(1);
    expect(getSysreg('CNTV_CTL_EL0')).toBe(2n);
    cpu.advance(10_000);
    expect(timerFiredCount()).toBe(1); // one-shot
    expect(gic.errors).toEqual([]);
  });

  it('makes a periodic tick when the handler re-arms', () => {
    let ticks = 0;
    setTimerHandler(() => {
      ticks++;
      if (ticks < 5) timerSetAfterNs(1_000_000);
    });
    irqEnable();
    timerSetAfterNs(1_000_000);
    for (let i = 0; i < 100; i++) cpu.advance(62_500 / 10);
    expect(ticks).toBe(5);
    expect(irqCount(27)).toBe(5);
  });

  it('a deadline in the past fires at once; a cancelled one never', () => {
    irqEnable();
    cpu.advance(10_000);
    timerSetDeadline(10);
    expect(timerFiredCount()).toBe(1);
    timerSetDeadline(50_000);
    timerCancel();
    cpu.advance(100_000);
    expect(timerFiredCount()).toBe(1);
  });

  it('ignores a timer interrupt whose deadline was moved after the GIC latched it', () => {
    timerSetDeadline(100);
    cpu.advance(200); // masked at the CPU: pending at the GIC
    setSysreg('CNTV_CVAL_EL0', 1_000_000); // moved (as a new timerSetDeadline would)
    gic.pulse(27); // the GIC saw the line high
    irqEnable();
    expect(timerFiredCount()).toBe(0);
  });
});

describe('timer self-test', () => {
  it('reports delivery after the deadline', () => {
    let ok = false;
    const out = captureConsole(() => {
      ok = timerSelfTest();
    });
    expect(ok).toBe(true);
    expect(out).toMatch(/^timer: irq 27 delivered after (\d+) us \(deadline 1000 us, counter 62500000 Hz\)\n$/);
    const us = Number(/after (\d+) us/.exec(out)![1]);
    expect(us).toBeGreaterThanOrEqual(1000);
    expect(getSysreg('DAIF')).toBe(0x3c0n); // IRQ mask restored
  });

  it('reports a timer whose interrupt never arrives', () => {
    gic.connectLine(27, () => false); // a broken line
    cpu.counterStep = 10_000n; // the test waits 200 ms of counter time
    let ok = true;
    const out = captureConsole(() => {
      ok = timerSelfTest();
    });
    expect(ok).toBe(false);
    expect(out).toBe('timer: irq 27 NOT delivered within 200000 us (CNTV_CTL_EL0 0x5)\n');
    expect(getSysreg('CNTV_CTL_EL0')).toBe(2n);
  });
});
