import { beforeEach, describe, expect, it } from 'vitest';
import { irqDisable, irqEnable, irqsEnabled } from '@unishyper/hal-aarch64';
import { catchPanic, expectNoLeaks, resetMachine, setSysreg } from '@unishyper/rt/sim';
import { currentCore, IrqSpinLock, SpinLock } from './spinlock';

/** Makes the simulated CPU core `i` (MPIDR Aff0 = i, bit 31 RES1). */
function onCore(i: number): void {
  setSysreg('MPIDR_EL1', 0x8000_0000 + i);
}

describe('SpinLock', () => {
  beforeEach(() => resetMachine());

  it('numbers cores from MPIDR (Aff0 + 16 * Aff1)', () => {
    expect(currentCore()).toBe(0);
    setSysreg('MPIDR_EL1', 0x8000_0203);
    expect(currentCore()).toBe(35);
  });

  it('lock, unlock and tryLock record the holder', () => {
    const l = new SpinLock('test');
    expect(l.isLocked()).toBe(false);
    expect(l.holder()).toBe(-1);
    onCore(2);
    l.lock();
    expect(l.holder()).toBe(2);
    onCore(1);
    expect(l.tryLock()).toBe(false);
    onCore(2);
    l.unlock();
    expect(l.isLocked()).toBe(false);
    onCore(1);
    expect(l.tryLock()).toBe(true);
    expect(l.holder()).toBe(1);
    l.unlock();
    l[Symbol.dispose]();
    expectNoLeaks();
  });

  it('protects a counter over many lock/unlock rounds', () => {
    const l = new SpinLock('counter');
    let n = 0;
    for (let i = 0; i < 1000; i++) {
      onCore(i % 4);
      l.lock();
      n++;
      l.unlock();
    }
    expect(n).toBe(1000);
    expect(l.isLocked()).toBe(false);
    l[Symbol.dispose]();
  });

  it('panics when a core unlocks a lock it does not hold, naming the lock and the cores', () => {
    const l = new SpinLock('runqueue');
    onCore(3);
    expect(catchPanic(() => l.unlock())).toBe('spinlock "runqueue": core 3 tried to release a spinlock it does not hold (it is free)');
    onCore(0);
    l.lock();
    onCore(1);
    expect(catchPanic(() => l.unlock())).toBe('spinlock "runqueue": core 1 tried to release a spinlock it does not hold (held by core 0)');
    expect(l.holder()).toBe(0);
  });

  it('panics on recursive locking', () => {
    const l = new SpinLock('r');
    l.lock();
    expect(catchPanic(() => l.lock())).toBe('spinlock "r": core 0 tried to acquire a spinlock it already holds (held by core 0)');
    expect(catchPanic(() => l.tryLock())).toMatch(/already holds/);
  });

  it('waiting for another core under Node (one simulated thread) panics instead of hanging', () => {
    const l = new SpinLock('w');
    onCore(1);
    l.lock();
    onCore(0);
    expect(catchPanic(() => l.lock())).toMatch(/never changes/);
  });

  it('refuses to be disposed of while held', () => {
    const l = new SpinLock('d');
    l.lock();
    expect(catchPanic(() => l[Symbol.dispose]())).toMatch(/disposed of a spinlock still held/);
  });
});

describe('IrqSpinLock', () => {
  beforeEach(() => resetMachine());

  it('masks IRQs while held and restores the previous state', () => {
    const l = new IrqSpinLock('irq');
    irqEnable();
    l.lock();
    expect(irqsEnabled()).toBe(false);
    expect(l.holder()).toBe(0);
    l.unlock();
    expect(irqsEnabled()).toBe(true);
    irqDisable();
    l.lock();
    l.unlock();
    expect(irqsEnabled()).toBe(false);
    l[Symbol.dispose]();
    expectNoLeaks();
  });

  it('nests with another IrqSpinLock', () => {
    const a = new IrqSpinLock('a');
    const b = new IrqSpinLock('b');
    irqEnable();
    a.lock();
    b.lock();
    b.unlock();
    expect(irqsEnabled()).toBe(false);
    a.unlock();
    expect(irqsEnabled()).toBe(true);
  });

  it('tryLock restores the mask when the lock is taken', () => {
    const l = new IrqSpinLock('t');
    irqEnable();
    onCore(1);
    expect(l.tryLock()).toBe(true);
    expect(irqsEnabled()).toBe(false);
    onCore(0);
    irqEnable();
    expect(l.tryLock()).toBe(false);
    expect(irqsEnabled()).toBe(true);
    onCore(1);
    l.unlock();
    expect(l.isLocked()).toBe(false);
  });

  it('misuse panics with the lock name', () => {
    const l = new IrqSpinLock('timer');
    expect(catchPanic(() => l.unlock())).toMatch(/spinlock "timer": core 0 tried to release/);
  });
});
