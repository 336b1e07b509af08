import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The QEMU test builds an image, boots it with -smp 4 and checks the exact total.
    testTimeout: 180_000,
  },
});
