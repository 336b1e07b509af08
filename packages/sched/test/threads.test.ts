/**
 * Cooperative threads in QEMU (test/fixtures/threads): priority order,
 * round-robin among equals at yield, exit values through join, and the
 * measured guest instructions of one yield (under -icount).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildImage, qemuArgs } from '@unishyper/codegen';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('threads on the boot core', () => {
  it('spawn, yield, join, exit values, 200 threads, timer-driven sleep, wait queues, preemption', async () => {
    const img = await buildImage({ appDir: path.join(here, 'fixtures', 'threads') });
    const r = spawnSync('qemu-system-aarch64', qemuArgs({ kernel: img.elf, boardArgs: img.qemuArgs, memory: '128M', extraArgs: ['-icount', 'shift=4,align=off,sleep=off'] }), { encoding: 'utf8', timeout: 60_000 });
    const out = r.stdout.replace(/\r\n/g, '\n');
    expect(out).toContain('urgent a0 b0 c0 a1 b1 c1 a2 b2 c2 \n');
    expect(out).toContain('exit values 104 105 106 7');
    const perYield = Number(/counter ticks per yield: (\d+)/.exec(out)?.[1]);
    expect(perYield).toBeGreaterThan(20);
    expect(perYield).toBeLessThan(1000);
    expect(out).toContain('200 threads joined, sum 19900');
    // Under -icount the counter is instruction time: the sleep may not end early.
    const slept = Number(/slept (\d+) us for 10 ms; (\d+) other steps meanwhile/.exec(out)?.[1]);
    expect(slept).toBeGreaterThanOrEqual(10_000);
    expect(out).toMatch(/; 5 other steps meanwhile/);
    expect(out).toContain('preemption: spinner 1, setter 2, spun true');
    expect(out).toContain('waiting: 1 and 1');
    expect(out).toContain('wait queue: woke true, waiter returned 1, timed wait returned 0, left 0');
    expect(r.status).toBe(0);
  }, 120_000);
});
