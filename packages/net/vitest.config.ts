import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Native and QEMU tests build images and boot them.
    testTimeout: 180_000,
    hookTimeout: 600_000,
  },
});
