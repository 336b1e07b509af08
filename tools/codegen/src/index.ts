// @unishyper/codegen: the TypeScript kernel dialect -> C -> AArch64 compiler.
export { compileToC, buildProgram, runNative, CFLAGS, RUNTIME_DIR, rtPackageDir } from './build.js';
export type { BuildOptions, BuildResult, CompileOptions, CompileResult, RunResult, Target, CCompiler } from './build.js';
export { CompileError, formatDiagnostic, type Diagnostic } from './diagnostics.js';
