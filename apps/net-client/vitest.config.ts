import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 600_000,
    // One file at a time: each boots QEMU (the pair test two), and on 2 cores they would only slow each other.
    fileParallelism: false,
  },
});
