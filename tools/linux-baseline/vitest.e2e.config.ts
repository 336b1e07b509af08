import { defineConfig } from 'vitest/config';

// The end-to-end boot (test/e2e): not in `pnpm test`, see README.md.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 300_000,
  },
});
