// @unishyper/sync: synchronisation primitives.
export { currentCore, IrqSpinLock, SpinLock } from './spinlock';
export { Mutex } from './mutex';
export { Semaphore, UNBOUNDED } from './semaphore';
export { Condvar } from './condvar';
export { Channel } from './channel';
export { RwLock } from './rwlock';
