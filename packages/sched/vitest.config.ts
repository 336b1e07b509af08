import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The native test lowers a program to C, compiles it for AArch64 and runs it under QEMU.
    testTimeout: 180_000,
  },
});
