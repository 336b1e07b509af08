/*
 * Calls into firmware and the debugger: SMC/HVC with the SMC Calling
 * Convention (function id in x0, arguments x1-x3, result in x0) used by PSCI
 * and unilib, and Arm semihosting (hlt #0xf000, operation in w0, argument
 * block in x1). Declared in TypeScript with `@native` (src/firmware.ts).
 */
    .text
    .global hal_hvc_call
hal_hvc_call:
    hvc     #0
    ret

    .global hal_smc_call
hal_smc_call:
    smc     #0
    ret

    .global hal_semihost_call
hal_semihost_call:
    hlt     #0xf000
    ret
