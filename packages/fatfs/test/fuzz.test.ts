/**
 * Hostile images in `pnpm test`: 1,000 mutated images per FAT type (fixed
 * seed; see fuzz.ts for the mutations and the workload). No case may panic,
 * throw, touch the device outside the disk, or leak heap. The 100,000-case
 * run is `pnpm --filter @unishyper/fatfs fuzz -- --cases 100000`.
 */
import { describe, expect, it } from 'vitest';
import { runFuzz } from './fuzz';

describe('fuzz: mutated images are errors, never panics, hangs, stray writes or leaks', () => {
  it.each([12, 16, 32] as const)('FAT%i: 1000 cases', (type) => {
    const failures = runFuzz([type], 1000, 20250601, 3, () => {});
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, 300_000);
});
