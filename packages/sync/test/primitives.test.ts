/**
 * Sleeping primitives in QEMU (test/fixtures/primitives): threads on the
 * boot core (cooperative plus timer preemption) contend for a Mutex,
 * Semaphores, a Condvar and a Channel; every total must be exact, and the
 * timed variants must time out no earlier than asked (-icount: counter time
 * is instruction time).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildImage, qemuArgs } from '@unishyper/codegen';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('sleeping primitives between threads (QEMU)', () => {
  it('mutex, semaphore, condvar, channel and timeouts give exact results', async () => {
    const img = await buildImage({ appDir: path.join(here, 'fixtures', 'primitives') });
    const r = spawnSync('qemu-system-aarch64', qemuArgs({ kernel: img.elf, boardArgs: img.qemuArgs, memory: '128M', extraArgs: ['-icount', 'shift=4,align=off,sleep=off'] }), { encoding: 'utf8', timeout: 120_000 });
    const out = r.stdout.replace(/\r\n/g, '\n');
    expect(out).toContain('mutex: counter = 40000\n');
    expect(out).toContain('semaphore: consumed 1000 sum 500500 empty 4 timed out true\n');
    expect(out).toContain('condvar: ping 100 pong 100 turn 0 timed wait woken false owned true\n');
    expect(out).toContain('channel: received 4000 sum 8002000 duplicates 0 missing 0 empty true\n');
    expect(out).toContain('mutex timeout: timed out true, waited at least 5 ms true\n');
    expect(out).toContain('all exact: true\n');
    expect(r.status).toBe(0);
  }, 180_000);
});
