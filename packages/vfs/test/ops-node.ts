// The operation script under Node (run by test/kernel.test.ts with
// runInNode): the scheduler's Node model gives the vfs locks a thread.
import { initScheduler } from '@unishyper/sched';
import { runOps } from './fixtures/vfs-kernel/src/ops';

export function main(): number {
  initScheduler();
  return runOps() === 0 ? 0 : 1;
}
