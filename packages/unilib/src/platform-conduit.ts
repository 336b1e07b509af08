/**
 * Which conduit the platform the kernel runs on serves unilib through: the
 * shyper hypervisor's HVC 0x12 under the shyper board (its EL2 stub here),
 * QEMU's semihosting everywhere else. Which board answers HVC 0x12 is a
 * fact of the platform, so it is kept here, next to the conduits.
 */
import { currentBoard } from '@unishyper/hal-aarch64';
import type { UnilibConduit } from './conduit';
import { HvcConduit } from './hvc-conduit';
import { SemihostingConduit } from './semihosting-conduit';

export function platformConduit(): UnilibConduit {
  const b = currentBoard();
  if (b !== null && b.name() === 'shyper') return new HvcConduit();
  return new SemihostingConduit();
}
