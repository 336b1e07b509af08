import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    // Generous for slow machines; the board tests run under Node only.
    testTimeout: 120_000,
  },
});
