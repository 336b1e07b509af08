import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'native/test/**/*.test.ts'],
    // The native differential test compiles C with sanitizers.
    testTimeout: 120_000,
  },
});
