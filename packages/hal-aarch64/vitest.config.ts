import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/fixtures/**'],
    // test/*.test.ts build kernel images and boot them under qemu-system-aarch64.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
