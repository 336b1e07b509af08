// @unishyper/unilib: file operations offloaded to the host or hypervisor, mounted at /unilibfs.
export { Mode, type UnilibConduit } from './conduit';
export { CMDLINE_PREFIX, ROOT_MAX, SemihostingConduit } from './semihosting-conduit';
export { checkUnilibPath, UNILIB_MAX_HANDLES, UnilibFs } from './unilib-fs';
export { mountUnilibAt, UNILIB_MOUNT } from './mount';
