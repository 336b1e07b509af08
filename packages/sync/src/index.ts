// @unishyper/sync: synchronisation primitives.
export { currentCore, IrqSpinLock, SpinLock } from './spinlock';
