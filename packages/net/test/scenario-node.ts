// The shared scenario under Node (run by test/kernel.test.ts with runInNode).
import { initScheduler } from '@unishyper/sched';
import { runScenario } from './fixtures/net-kernel/src/scenario';

export function main(): number {
  initScheduler();
  return runScenario() === 0 ? 0 : 1;
}
