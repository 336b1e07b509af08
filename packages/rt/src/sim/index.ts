/**
 * @unishyper/rt/sim: the Node-only controls of the simulated machine, for
 * tests. Kernel code never imports this.
 *
 *   beforeEach(() => resetMachine());
 *   mapDevice(0x0900_0000, 0x1000, myUart);
 *   const out = captureConsole(() => kmain());
 *   expectNoLeaks();
 */
import { DEFAULT_RAM_BASE, DEFAULT_RAM_SIZE, busReadBytes, busWriteBytes, mapDevice, ramWindow, resetBus, unmapDevice } from '../bus.js';
import { type ConsoleSink, defaultSink, setConsoleSink } from '../console.js';
import { fixedArrayStats, resetFixedArrayStats } from '../fixed-array.js';
import { formatHex } from '../format.js';
import { defaultHeapWindow, heapStats, liveAllocations, resetHeap } from '../heap.js';
import { KernelPanic } from '../panic.js';
import { isReleased, resetReleases } from '../release.js';
import { hookSysreg, peekSysreg, presetSysreg, resetSysregs } from '../sysreg.js';
import type { SysReg } from '../sysreg.js';

export type { AccessWidth, DeviceModel } from '../bus.js';
export type { ConsoleSink } from '../console.js';
export type { HeapStats } from '../heap.js';
export type { SysregHook } from '../sysreg.js';
export { SYSREGS, SYSREG_RESET_VALUES } from '../sysreg.js';
export { DEFAULT_RAM_BASE, DEFAULT_RAM_SIZE, mapDevice, unmapDevice, ramWindow };
export { heapStats, liveAllocations, fixedArrayStats, isReleased, KernelPanic };

/** Shape of the simulated machine; every field is optional. */
export interface MachineConfig {
  /** Physical address of RAM (default 0x4000_0000). */
  ramBase?: number;
  /** RAM size in bytes (default 64 MiB). */
  ramSize?: number;
  /** Start of the heap window (default: the upper three quarters of RAM). */
  heapBase?: number;
  /** Heap size in bytes (default: up to the end of RAM). */
  heapSize?: number;
  /** Values to preset into system registers after reset. */
  sysregs?: Partial<Record<SysReg, bigint | number>>;
}

/**
 * A fresh machine: zeroed RAM, an empty heap, reset system registers, no
 * devices, the default console sink, and no release records.
 */
export function resetMachine(config: MachineConfig = {}): void {
  const ramBase = config.ramBase ?? DEFAULT_RAM_BASE;
  const ramSize = config.ramSize ?? DEFAULT_RAM_SIZE;
  resetBus(ramBase, ramSize);
  const heap = defaultHeapWindow(ramBase, ramSize);
  const heapBase = config.heapBase ?? heap.base;
  const heapSize = config.heapSize ?? ramBase + ramSize - heapBase;
  resetHeap(heapBase, heapSize);
  resetSysregs();
  for (const [name, v] of Object.entries(config.sysregs ?? {})) presetSysreg(name as SysReg, v);
  setConsoleSink(defaultSink);
  resetReleases();
  resetFixedArrayStats();
}

// ---- console ---------------------------------------------------------------

/** Replaces the console sink; returns the previous one. */
export function setConsole(sink: ConsoleSink): ConsoleSink {
  return setConsoleSink(sink);
}

/** Runs `fn` with console output captured; returns the output. Restores the sink even if `fn` throws. */
export function captureConsole(fn: () => void): string {
  let out = '';
  const old = setConsoleSink((text) => {
    out += text;
  });
  try {
    fn();
  } finally {
    setConsoleSink(old);
  }
  return out;
}

let captured: string | null = null;
let beforeCapture: ConsoleSink = defaultSink;

/** Starts capturing console output until `stopConsoleCapture()`. */
export function startConsoleCapture(): void {
  if (captured !== null) throw new Error('console capture already started');
  captured = '';
  beforeCapture = setConsoleSink((text) => {
    captured += text;
  });
}

/** Stops capturing and returns what was printed since `startConsoleCapture()`. */
export function stopConsoleCapture(): string {
  if (captured === null) throw new Error('console capture not started');
  const out = captured;
  captured = null;
  setConsoleSink(beforeCapture);
  return out;
}

// ---- system registers -------------------------------------------------------

/** Sets a system register's stored value (read-only registers included). */
export function setSysreg(name: SysReg, v: bigint | number): void {
  presetSysreg(name, v);
}

/** A system register's stored value, without hooks. */
export function getSysreg(name: SysReg): bigint {
  return peekSysreg(name);
}

/**
 * Installs read/write hooks on a system register (null removes them). A read
 * hook's result replaces the stored value; a write hook receives the value
 * instead of it being stored.
 */
export { hookSysreg };

// ---- memory -------------------------------------------------------------------

/** A copy of `len` bytes of simulated memory at `addr`. */
export function readMemory(addr: number, len: number): Uint8Array {
  return busReadBytes(addr, len, 'readMemory');
}

/** Writes bytes into simulated memory at `addr`. */
export function writeMemory(addr: number, bytes: Uint8Array): void {
  busWriteBytes(addr, bytes, 'writeMemory');
}

// ---- leaks ----------------------------------------------------------------------

/**
 * Throws an Error listing the live heap allocations (and the count of
 * FixedArrays never released, when `fixedArrays` is true) if there are any.
 */
export function expectNoLeaks(options: { fixedArrays?: boolean } = {}): void {
  const leaks = liveAllocations();
  const problems: string[] = leaks.map((l) => `${l.size} bytes at ${formatHex(l.addr)}`);
  if (options.fixedArrays) {
    const fa = fixedArrayStats();
    if (fa.live !== 0) problems.push(`${fa.live} FixedArray(s) never released`);
  }
  if (problems.length > 0) throw new Error(`leak check failed:\n  ${problems.join('\n  ')}`);
}

// ---- panics ---------------------------------------------------------------------

/**
 * Runs `fn` and returns the message of the kernel panic it raised, or null
 * when it returned normally. Other exceptions propagate.
 */
export function catchPanic(fn: () => void): string | null {
  try {
    fn();
  } catch (e) {
    if (e instanceof KernelPanic) return e.kernelMessage;
    throw e;
  }
  return null;
}
