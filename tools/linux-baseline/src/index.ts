// @unishyper/linux-baseline: the same workloads as the unikernel's
// benchmarks, on Debian's arm64 Linux on the same QEMU machine.
export { checkStorageDisk, blockStamp, type DiskCheck } from './disk-check.js';
export { runLinuxStorageBaseline, GUEST_FILE, storageWorkload, makeFatImage, machineInstructions, STORAGE_DEFAULTS, READ_SIZE, type StorageOptions, type StorageBaseline, type Figure } from './storage.js';
export { runLinuxWorkload, LinuxBaselineError, DEFAULT_CACHE_DIR, type RunOptions, type WorkloadRun } from './runner.js';
export { parseGuestConsole, type GuestReport, type StepResult, type NetPhaseResult, type TaggedLine } from './results.js';
export { linuxQemuArgs, guestNetArgs, kernelCmdline, BOARD_ARGS, ICOUNT, GUEST_MAC, NetworkRuleError, type LinuxQemuOptions } from './qemu-line.js';
export { ensureLinuxParts, FetchError, type LinuxParts } from './fetch.js';
export { buildInitramfs } from './initramfs.js';
export { writeCpio, readCpio, type CpioEntry, type CpioRecord } from './cpio.js';
export { readModinfo, moduleDepends, resolveModules, scanModuleTree } from './modinfo.js';
export type { Workload, GuestProgram, GuestNetwork } from './workload.js';
export { runLinuxCalibration, calibrationWorkload, CALIBRATION_ITERATIONS, type Calibration } from './calibrate.js';
export { runLinuxNetBaseline, netFigures, netWorkload, pickHostPorts, checkGuestCounts, NET_DEFAULTS, type NetOptions, type NetBaseline, type NetFigure, type NetKind } from './net.js';
export { formatNetTable, netRates, type NetRates } from './net-table.js';
export * from './net-workload/index.js';
export { ConsoleWatch } from './console-watch.js';
