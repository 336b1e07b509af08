// @unishyper/hal-aarch64: the AArch64 hardware abstraction layer.
export { Conduit, type Board } from './board';
export { consoleWrite, setConsole, type Console } from './console';
export { hvcCall, smcCall, semihostCall } from './firmware';
export { cpuOn, setPsciConduit, systemOff, systemReset } from './psci';
export { semihostExit } from './semihosting';
export { exceptionClassName, faultStatusName, isAbort } from './exception';
export { halTrap, setIrqHandler, FAULT_EXIT_STATUS } from './trap';
export { currentBoard, kernelExit, kernelStart } from './kernel';
export { DeviceTreeInfo, isDeviceTree, readDeviceTree } from './fdt';
export { imageFootprint } from './image';
export { sourceFileName, sourceLineInfo } from './source-lines';
