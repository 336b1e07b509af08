import { FixedArray } from '@unishyper/rt';
import { RunQueue } from '../src/index';

/** Run queues 0..n-1, one per core. */
export function makeQueues(n: number): FixedArray<RunQueue> {
  const qs = new FixedArray<RunQueue>(n, new RunQueue(0));
  for (let c = 1; c < n; c++) qs.set(c, new RunQueue(c));
  return qs;
}
