// @unishyper/unilib: file operations offloaded to the host or hypervisor, mounted at /unilibfs.
export { Mode, NodeInfo, type UnilibConduit } from './conduit';
export { CMDLINE_PREFIX, ROOT_MAX, SemihostingConduit } from './semihosting-conduit';
export { checkUnilibPath } from './path-check';
export { UNILIB_MAX_HANDLES, UnilibFs } from './unilib-fs';
export { platformConduit } from './platform-conduit';
export { mountUnilibAt, UNILIB_MOUNT } from './mount';
export { HvcConduit, UNILIB_HVC_FUNCTION, UnilibEvent } from './hvc-conduit';
