import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The native test compiles the package with gcc and clang.
    testTimeout: 180_000,
    hookTimeout: 600_000,
  },
});
