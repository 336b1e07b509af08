// End to end: boots Debian's kernel and runs the storage workload (about 15 s
// from the cache; the first run downloads ~60 MB with apt and needs root).
// Not part of `pnpm test`: run it with
//   pnpm --filter @unishyper/linux-baseline test:e2e
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/exec.js';
import { runLinuxStorageBaseline } from '../../src/index.js';

describe('Linux storage baseline, end to end', () => {
  it('boots, finds the PMU, runs the three workloads, and leaves a FAT32 image fsck.fat accepts', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-e2e-'));
    const disk = path.join(dir, 'disk.img');
    try {
      const r = await runLinuxStorageBaseline({ fileMiB: 4, chunkKiB: 32, randomReads: 200, keepDisk: disk }, { log: () => {} });
      expect(r.pmu).toMatch(/armv8_pmuv3/);
      for (const f of [r.seqWrite, r.seqRead, r.randomRead]) {
        expect(f.instructions).toBeGreaterThan(f.bytes / 100);
        // CNTVCT ticks once per instruction at shift=4, plus any time every CPU idled.
        expect(f.cntvctTicks).toBeGreaterThanOrEqual(f.instructions * 0.99);
        expect(f.raw.running).toBe(f.raw.enabled);
      }
      expect(r.diskCheck.badBlocks).toBe(0);
      // The host's own check of the image the guest left, independent of the runner's.
      const fsck = run('fsck.fat', ['-n', disk]).stdout;
      // Two directory entries (the volume label LBASE and bench.dat); 4 MiB in 512-byte clusters plus the root directory's.
      expect(fsck).toMatch(/: 2 files, 8193\/129022 clusters/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
