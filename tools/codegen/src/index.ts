// @unishyper/codegen: the TypeScript kernel dialect -> C -> AArch64 compiler.
export { compileToC, buildProgram, runNative, CFLAGS, RUNTIME_DIR, rtPackageDir } from './build.js';
export type { BuildOptions, BuildResult, CompileOptions, CompileResult, RunResult, Target, CCompiler } from './build.js';
export { CompileError, formatDiagnostic, type Diagnostic } from './diagnostics.js';
export { buildImage, type ImageOptions, type ImageResult } from './image/build-image.js';
export { loadAppConfig, validateAppConfig, AppConfigError, MAX_DISK_MIB, DEFAULT_MAC, type ResolvedApp, type ResolvedDisk, type ResolvedNetwork } from './image/app-config.js';
export { diskQemuArgs, makeDiskImage, prepareDisks, DiskImageError } from './image/app-disks.js';
export { prepareUnilibDir, unilibQemuArgs, UnilibDirError } from './image/app-unilib.js';
export { checkNetworkArgs, NetworkArgsError, SEED_NET, virtioNetArgs, type CheckNetworkOptions, type NetBackend } from './image/network.js';
export { checkHostPorts, HostPortError, networkQemuArgs, type NetMode } from './image/app-network.js';
export { defineApp, BOARDS, DISK_FORMATS, FEATURES, type AppConfig, type DiskConfig, type DiskFormat, type NetworkConfig, type PortForward, type GuestForward } from './config.js';
export { qemuArgs, NO_DEFAULT_NIC, runQemu, splitArgs, shellQuote, startQemuForDebug, stopQemu, waitForListener, freePort, gdbArgs, qemuBinary, gdbBinary, QemuUsageError, ToolMissingError, TIMEOUT_STATUS, type QemuOptions, type RunQemuOptions, type QemuRun } from './image/qemu.js';
export { buildHypervisor, guestLoaderArgs, type HypervisorMeta } from './image/hypervisor.js';
