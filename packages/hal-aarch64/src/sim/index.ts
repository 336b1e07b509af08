// @node-only: the test API of hal-aarch64 (kernel code never imports it).
import { resetConsoleInput } from '../console-input';
import { resetInterrupts } from '../irq';
import { resetTimer } from '../timer';

export { installFirmware, type SimFirmware } from './firmware';
export { currentCore, SimGicV2, SimGicV3, SPURIOUS, type GicModelOptions, type GicV2ModelOptions, type GicV3ModelOptions, type IrqView } from './gic';
export { SimCpu, type IrqSignal, type SimCpuOptions } from './cpu';
export { SimPl011 } from './pl011-model';
export { SimNs16550, type Ns16550ModelOptions } from './ns16550-model';
export { buildFdt, type FdtNodeSpec, type FdtValue } from './fdt-builder';

/**
 * Forgets the HAL's interrupt, timer and console-input state, as after a
 * reset. Call after `resetMachine()` (it writes DAIF).
 */
export function resetHal(): void {
  resetInterrupts();
  resetTimer();
  resetConsoleInput();
}
