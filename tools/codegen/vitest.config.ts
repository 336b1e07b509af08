import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/.out/**', '.scratch/**'],
    // Native tests compile C and run it under QEMU.
    testTimeout: 180_000,
    hookTimeout: 600_000,
  },
});
