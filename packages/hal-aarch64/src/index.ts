// @unishyper/hal-aarch64: the AArch64 hardware abstraction layer.
export { Conduit, DeviceInfo, DeviceKind, type Board } from './board';
export { consoleWrite, setConsole, type Console } from './console';
export { hvcCall, smcCall, semihostCall } from './firmware';
export { cpuOn, psciStartCore, setPsciConduit, systemOff, systemReset } from './psci';
export { semihostExit } from './semihosting';
export { exceptionClassName, faultStatusName, isAbort } from './exception';
export { halTrap, onPanic, setAfterIrqHook, setFaultHook, setPanicHook, setIrqHandler, FAULT_EXIT_STATUS, KIND_STACK_OVERFLOW } from './trap';
export { currentBoard, kernelExit, kernelStart, resetMachine, wallClockSeconds } from './kernel';
export { instructionsBetween, instructionsRetired, startInstructionCounter } from './pmu';
export { DeviceTreeInfo, isDeviceTree, readDeviceTree } from './fdt';
export { imageFootprint } from './image';
export { sourceFileName, sourceLineInfo } from './source-lines';
export {
  DEFAULT_PRIORITY,
  MAX_IRQS,
  PPI_BASE,
  SGI_BASE,
  SPI_BASE,
  SPURIOUS_IRQ,
  type IrqController,
} from './irq-controller';
export { GicV2 } from './gicv2';
export { GicV3 } from './gicv3';
export {
  dispatchIrq,
  initCpuInterrupts,
  interruptsReady,
  initInterrupts,
  irqController,
  irqCount,
  irqDisable,
  irqEnable,
  irqRestore,
  irqSave,
  irqsEnabled,
  registerIrq,
  resetInterrupts,
  spuriousIrqCount,
  unhandledIrqCount,
  unregisterIrq,
  type IrqHandler,
} from './irq';
export {
  initTimer,
  nowMs,
  nowNs,
  nowTicks,
  nowUs,
  nsToTicks,
  resetTimer,
  setTimerHandler,
  SELF_TEST_DELAY_US,
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
export { consoleInputCount, consoleReadByte, onConsoleInput, resetConsoleInput, startConsoleInput, type ConsoleInput } from './console-input';
export { fdtFindCompatible, fdtFindCompatibleAfter, fdtInterrupt, fdtPropertyHas, fdtPsciConduit, fdtRegAddress, fdtRegSize } from './fdt-compatible';
export { secondaryEntryAddress, startSecondaryCore } from './secondary';
export { CONTEXT_FRAME_BYTES, contextInit, contextSwitch } from './context';
export { atomicCas, atomicFetchAdd, atomicLoad, atomicStore, atomicSwap, atomicWaitWhile } from './atomics';
export { kernelHeapLocked, lockKernelHeap, releaseKernelHeapAfterPanic, unlockKernelHeap, useKernelHeapLockWord } from './heap-lock';
export { BLOCK_BYTES, PAGE_BYTES, isMapped, mapPage, splitBlock, translationRoot, unmapPage } from './page-table';
export { OVERFLOW_STACK_BYTES, initOverflowStack, overflowStackTop, setStackLimit, stackLimit } from './stack-guard';
export { freeRamStart } from './free-ram';
export { copyOnesSum16 } from './copy-sum';
export { acquireLockWord, coreNumber, lockWordHolder, releaseLockWord, tryLockWord } from './lock-word';
export { Pl011 } from './pl011';
export { ReceiveRing, RX_RING_SIZE } from './receive-ring';
export { Ns16550 } from './ns16550';
export { SPIN_TABLE_CORES, spinTableStartCore } from './spin-table';
export { fdtPropertyCell, fdtPropertyNumber, fdtRegField } from './fdt-address';
