// @unishyper/codegen: the TypeScript kernel dialect -> C -> AArch64 compiler.
export { compileToC, buildProgram, runNative, CFLAGS, RUNTIME_DIR, rtPackageDir } from './build.js';
export type { BuildOptions, BuildResult, CompileOptions, CompileResult, RunResult, Target, CCompiler } from './build.js';
export { CompileError, formatDiagnostic, type Diagnostic } from './diagnostics.js';
export { buildImage, type ImageOptions, type ImageResult } from './image/build-image.js';
export { loadAppConfig, validateAppConfig, AppConfigError, type ResolvedApp } from './image/app-config.js';
export { defineApp, BOARDS, FEATURES, type AppConfig } from './config.js';
export { qemuArgs, NO_DEFAULT_NIC, runQemu, splitArgs, shellQuote, startQemuForDebug, stopQemu, waitForListener, freePort, gdbArgs, qemuBinary, gdbBinary, QemuUsageError, ToolMissingError, TIMEOUT_STATUS, type QemuOptions, type RunQemuOptions, type QemuRun } from './image/qemu.js';
