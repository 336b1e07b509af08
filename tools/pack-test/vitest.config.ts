import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Packing, installing, compiling the kernel (two links) and booting it.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
