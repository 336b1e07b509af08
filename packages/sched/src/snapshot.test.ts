import { Vec } from '@unishyper/rt';
import { expectNoLeaks, resetMachine } from '@unishyper/rt/sim';
import { beforeEach, describe, expect, it } from 'vitest';
import { newSnapshotBuffer, NO_CORE, releaseSnapshotBuffer, RunQueue, stateName, takeSnapshot, Thread, ThreadState } from './index';

beforeEach(() => resetMachine());

describe('snapshot', () => {
  it('copies id, name, state, priority, core and cpu time into the caller\'s buffer', () => {
    const threads = new Vec<Thread>(new Thread(0, '', 0, NO_CORE));
    const main = new Thread(100, 'main', 8, NO_CORE);
    const shell = new Thread(101, 'shell', 10, 1);
    const idle = new Thread(102, 'idle', 0, NO_CORE);
    for (const t of [main, shell, idle]) threads.push(t);
    const rq = new RunQueue(1);
    rq.enqueue(shell);
    main.state = ThreadState.Running;
    main.core = 0;
    main.account(12_345);
    idle.state = ThreadState.Sleeping;

    const buf = newSnapshotBuffer(2);
    expect(buf.get(0)).not.toBe(buf.get(1));
    expect(takeSnapshot(threads, buf)).toBe(3); // truncated to 2
    const rows = [0, 1].map((i) => {
      const r = buf.get(i);
      return [r.id, r.name, stateName(r.state), r.priority, r.core, r.cpuTimeNs];
    });
    expect(rows).toEqual([
      [100, 'main', 'running', 8, 0, 12_345],
      [101, 'shell', 'ready', 10, 1, 0],
    ]);
    // a snapshot is a copy: later changes do not show
    main.account(1);
    expect(buf.get(0).cpuTimeNs).toBe(12_345);
    releaseSnapshotBuffer(buf);
    threads[Symbol.dispose]();
    rq[Symbol.dispose]();
    expectNoLeaks({ fixedArrays: true });
  });
});
