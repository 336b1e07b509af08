/**
 * Threads and the sync primitives on four cores (test/fixtures/smp, QEMU
 * -smp 4 under -icount, so counter time is instruction time): mutex
 * increments from every core, 200 threads, condvar ping-pong across cores,
 * a 4x4 channel, sleep, kill and join, priority order, and threads that
 * panic, fault and overflow their stack while the rest go on, with the
 * heap statistics unchanged; the ps listing; an RwLock across cores;
 * spinlocks broken when their holder faults, and a kill that waits for a
 * spinlock holder's unlock; RwLocks whose reader or writer ends holding them;
 * threads that fault or are killed inside `using` scopes, whose objects
 * are disposed of at join (heap unchanged).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildImage } from '@unishyper/codegen';
import { bootImage } from '@unishyper/codegen/testing';

const here = path.dirname(fileURLToPath(import.meta.url));
const app = path.join(here, 'fixtures', 'smp');

describe('threads on four cores (QEMU)', () => {
  for (const gic of [2, 3] as const) {
    it(`every section is exact (GICv${gic})`, async () => {
      const img = await buildImage({ appDir: app, outDir: path.join(app, 'build', `gic${gic}`) });
      const r = await bootImage(img.elf, { gic, smp: 4, memMiB: 256, icount: true, el2: gic === 3 }, { timeoutMs: 150_000, boardArgs: img.qemuArgs });
      const out = r.stdout;
      expect(out).toContain('scheduler on 4 cores\n');
      expect(out).toContain('mutex: counter = 400000, cores used 15\n');
      expect(out).toContain('200 threads joined, sum 19900, live 1\n');
      expect(out).toContain('condvar: ping 1000 on core 1, pong 1000 on core 2\n');
      expect(out).toContain('channel: received 4000 sum 7998000 duplicates 0 missing 0\n');
      const slept = Number(/sleep: 10 ms took (\d+) us/.exec(out)?.[1]);
      expect(slept).toBeGreaterThanOrEqual(10_000);
      expect(out).toContain('kill: sleeping and spinning threads killed true, exit value 5, kill after join false, mutex taken over poisoned 1, woken early true 1\n');
      expect(out).toContain('priority: order 321');
      // Each faulting thread is reported by name and ended alone.
      expect(out).toMatch(/panic: index \d+ out of bounds for length 4/);
      expect(out).toMatch(/\*\*\* thread \d+ "bounds" panicked on core \d/);
      expect(out).toMatch(/\*\*\* thread \d+ "panicker" panicked on core \d/);
      expect(out).toMatch(/\*\*\* thread \d+ "null-deref" faulted on core \d/);
      expect(out).toContain('*** stack overflow: sp 0x');
      expect(out).toMatch(/\*\*\* thread \d+ "overflow" faulted on core \d/);
      const heap = /heap used before (\d+) after (\d+)/.exec(out);
      expect(heap?.[1]).toBe(heap?.[2]);
      expect(out).toContain('faults: ended alone true, worker finished 20 steps, later thread returned 7');
      expect(out).toContain('ps listing: true\n');
      expect(out).toMatch(/ps: \d+ ps-a sleeping prio 3 core 1/);
      expect(out).toContain('rwlock: pair 4000 4000, torn reads 0\n');
      expect(out).toMatch(/\*\*\* thread \d+ "spin-faulter" faulted on core 1/);
      expect(out).toMatch(/spinlock "irq-spin": thread \d+ ended while holding it; released, poisoned\n/);
      expect(out).toMatch(/spinlock "spin": thread \d+ ended while holding it; released, poisoned\n/);
      expect(out).toContain('spinlocks: holder faulted true, taken again 2, poisoned true, kill waited for the unlock true\n');
      expect(out).toMatch(/rwlock "ends": thread \d+ ended while holding it for reading; released \(poisoned\)\n/);
      expect(out).toMatch(/rwlock "ends": thread \d+ ended while holding it for writing; released \(poisoned\)\n/);
      expect(out).toContain('rwlock holders ended: writer took over from a reader true, reader took over from a writer true\n');
      expect(out).toMatch(/join: thread \d+ ended inside 3 `using` scope\(s\); their objects are disposed of\n/);
      expect(out).toMatch(/join: thread \d+ ended inside 1 `using` scope\(s\); their objects are disposed of\n/);
      expect(out).toMatch(/using: ended threads' scopes disposed 11111 \(expect 11111\), ended true, normal 10000, heap used before (\d+) after \1\n/);
      expect(out).toContain('all exact: true\n');
      expect(r.status).toBe(0);
    }, 240_000);
  }
});
