// @node-only: the simulated machine the virtio tests run on: fresh RAM, a GICv2
// model with a core taking its interrupts, the HAL's interrupt dispatch and
// the scheduler (whose wait queues the drivers sleep on), IRQs unmasked.
import { GicV2, initInterrupts, irqEnable } from '@unishyper/hal-aarch64';
import { resetHal, SimCpu, SimGicV2 } from '@unishyper/hal-aarch64/sim';
import { resetMachine } from '@unishyper/rt/sim';
import { initScheduler, resetScheduler } from '@unishyper/sched';

export function simMachine(ramSize?: number): { gic: SimGicV2; cpu: SimCpu } {
  resetMachine(ramSize === undefined ? {} : { ramSize });
  resetHal();
  resetScheduler();
  const gic = new SimGicV2().map();
  const cpu = new SimCpu(gic).install();
  initInterrupts(new GicV2(0x0800_0000, 0x0801_0000));
  initScheduler();
  irqEnable();
  return { gic, cpu };
}
