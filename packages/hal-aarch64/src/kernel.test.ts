import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureConsole, getSysreg, resetMachine } from '@unishyper/rt/sim';
import { DeviceInfo, DeviceKind, type Board } from './board';
import type { Console } from './console';
import { consoleInputCount, consoleReadByte, onConsoleInput, type ConsoleInput } from './console-input';
import { GicV2 } from './gicv2';
import type { IrqController } from './irq-controller';
import { irqCount, irqsEnabled } from './irq';
import { kernelStart } from './kernel';
import { resetHal, SimCpu, SimGicV2 } from './sim';
import { timerFrequency, timerSelfTest } from './timer';

/** A board with a GICv2 model and a UART whose receive side is a queue of bytes with a level line. */
class TestBoard implements Board, Console, ConsoleInput {
  readonly gic = new GicV2(0x0800_0000, 0x0801_0000);
  readonly out: number[] = [];
  readonly fifo: number[] = [];
  readonly ring: number[] = [];
  rxInterrupt = false;
  name(): string {
    return 'test';
  }
  init(_dtb: number): void {}
  console(): Console {
    return this;
  }
  ramBase(): number {
    return 0x4000_0000;
  }
  ramSize(): number {
    return 64 << 20;
  }
  cpuCount(): number {
    return 1;
  }
  startCore(_core: number, _stackTop: number): number {
    return -1;
  }
  powerOff(): void {}
  reset(): number {
    return -1;
  }
  irqController(): IrqController {
    return this.gic;
  }
  timerIrq(): number {
    return 27;
  }
  uartIrq(): number {
    return 33;
  }
  rtcSeconds(): number {
    return -1;
  }
  consoleInput(): ConsoleInput {
    return this;
  }
  deviceCount(): number {
    return 1;
  }
  device(_i: number): DeviceInfo {
    return new DeviceInfo(DeviceKind.Uart, 0x0900_0000, 0x1000, 33);
  }
  putByte(b: number): void {
    this.out.push(b);
  }
  enableReceiveInterrupt(): void {
    this.rxInterrupt = true;
  }
  handleInterrupt(): void {
    while (this.fifo.length > 0) this.ring.push(this.fifo.shift()!);
  }
  readByte(): number {
    return this.ring.length > 0 ? this.ring.shift()! : -1;
  }
  /** The UART's interrupt output. */
  level(): boolean {
    return this.rxInterrupt && this.fifo.length > 0;
  }
}

let model: SimGicV2;
let cpu: SimCpu;
let board: TestBoard;

beforeEach(() => {
  resetMachine();
  resetHal();
  model = new SimGicV2().map();
  cpu = new SimCpu(model).install();
  board = new TestBoard();
  model.connectLine(33, () => board.level());
});

afterEach(() => resetHal());

describe('kernelStart', () => {
  it('brings up the interrupt controller, the timer and console input, then unmasks IRQs', () => {
    const out = captureConsole(() => kernelStart(board, 0));
    expect(out).toBe('GICv2: 288 interrupt ids; timer irq 27 at 62500000 Hz; console irq 33\n');
    expect(model.control()).toEqual({ distributor: 1, cpu: 1 });
    expect(model.irq(27).enabled).toBe(true);
    expect(model.irq(33).enabled).toBe(true);
    expect(board.rxInterrupt).toBe(true);
    expect(timerFrequency()).toBe(62_500_000);
    expect(irqsEnabled()).toBe(true);
    expect(getSysreg('DAIF')).toBe(0x340n);
  });

  it('delivers console input through the UART interrupt', () => {
    captureConsole(() => kernelStart(board, 0));
    expect(consoleReadByte()).toBe(-1);
    board.fifo.push(0x68, 0x69);
    cpu.poll(); // the line is high: the interrupt is taken
    expect(irqCount(33)).toBe(1);
    expect(consoleReadByte()).toBe(0x68);
    expect(consoleReadByte()).toBe(0x69);
    expect(consoleReadByte()).toBe(-1);
    expect(model.errors).toEqual([]);
  });

  it('tells a listener each time console bytes arrive, and counts the arrivals', () => {
    captureConsole(() => kernelStart(board, 0));
    let calls = 0;
    onConsoleInput(() => {
      calls++;
    });
    const before = consoleInputCount();
    board.fifo.push(0x61);
    cpu.poll();
    expect(calls).toBe(1);
    expect(consoleInputCount()).toBe(before + 1);
    onConsoleInput(null);
    board.fifo.push(0x62);
    cpu.poll();
    expect(calls).toBe(1);
    expect(consoleInputCount()).toBe(before + 2);
    expect(consoleReadByte()).toBe(0x61);
    expect(consoleReadByte()).toBe(0x62);
  });

  it('passes the timer self-test', () => {
    captureConsole(() => kernelStart(board, 0));
    let ok = false;
    const out = captureConsole(() => {
      ok = timerSelfTest();
    });
    expect(ok).toBe(true);
    expect(out).toMatch(/^timer: irq 27 delivered after \d+ us/);
    expect(irqsEnabled()).toBe(true); // the self-test restores the mask it found
  });
});
