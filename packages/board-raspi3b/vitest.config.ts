import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    // Two files fetch Debian's device tree (apt, the first time): one at a time, so apt's lock is never contended.
    fileParallelism: false,
    testTimeout: 120_000,
  },
});
