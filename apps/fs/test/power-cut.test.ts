/**
 * Power cuts (a small run; `pnpm --filter fs power-cut` makes the documented
 * one): QEMU is killed by its process id at random moments while the kernel
 * writes and syncs files on /fatfs; every synced file must read back intact
 * and fsck.fat -n may report lost clusters at worst. Also checks that the
 * judge itself notices damage.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, type ImageResult } from '@unishyper/codegen';
import { Rng } from '@unishyper/codegen/testing';
import { cut, cutOnce, judge, judgeFsck, tempDir } from './power-cut';

const app = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'power-cut');
let img: ImageResult;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  img = await buildImage({ appDir: app });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('power cuts while writing and syncing files', () => {
  it('five cuts at random moments: synced files intact, fsck finds at worst lost clusters', async () => {
    const rng = new Rng(20261206);
    for (let i = 0; i < 5; i++) {
      const r = await cutOnce(img.elf, img.qemuArgs, 50 + rng.below(1500), dir);
      expect(r.fsckProblems, `cut after ${r.delayMs} ms: ${r.fsckProblems.join(" | ")}`).toEqual([]);
      expect(r.badFiles, `cut after ${r.delayMs} ms: ${r.badFiles.join(" | ")}`).toEqual([]);
      expect(r.synced).toBeGreaterThan(0);
    }
  }, 300_000);

  it('the judge notices a synced file that changed and an fsck problem', async () => {
    const { image, console } = await cut(img.elf, img.qemuArgs, 400, dir);
    expect(judge(image, console, dir).badFiles).toEqual([]);
    // Overwrite the last synced file (one neither renamed nor removed) with other bytes.
    const synced = [...console.matchAll(/^@@synced (\d+) (\d+)$/gm)].filter((m) => Number(m[1]) % 10 !== 9);
    const last = synced[synced.length - 1]!;
    const n = Number(last[1]);
    const wrong = path.join(dir, 'wrong.bin');
    fs.writeFileSync(wrong, Buffer.alloc(Number(last[2]) + 1, 0x42));
    execFileSync('mcopy', ['-o', '-i', image, wrong, `::cut/f${n}.bin`], { env: { ...process.env, MTOOLS_SKIP_CHECK: '1' } });
    expect(judge(image, console, dir).badFiles.join('\n')).toMatch(new RegExp(`f${n}\\.bin: \\d+ bytes read back, \\d+ synced`));
    expect(judgeFsck('fsck.fat 4.2\n/x.img: 3 files, 5/100 clusters\n').problems).toEqual([]);
    expect(judgeFsck('fsck.fat 4.2\nFATs differ but appear to be intact.\n  Using first FAT.\n').problems).toEqual([]);
    expect(judgeFsck('fsck.fat 4.2\nReclaimed 2 unused clusters (1024 bytes) in 1 chain.\nFree cluster summary wrong (10 vs. really 8)\n  Auto-correcting.\n').problems).toEqual([]);
    expect(judgeFsck('fsck.fat 4.2\n/cut/f3.bin\n  File size is 4000 bytes, cluster chain length is 512 bytes.\n').problems.length).toBe(2);
  }, 120_000);
});
