import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The slowest test cross-compiles the guest C programs once (a few seconds).
    testTimeout: 60_000,
  },
});
