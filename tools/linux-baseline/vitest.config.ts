import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The end-to-end boot needs the kernel from apt (first run: ~60 MB, root): test:e2e runs it.
    exclude: ['test/e2e/**', '**/node_modules/**'],
    testTimeout: 60_000,
  },
});
