// @node-only: the test API of unilib (kernel code never imports it).
export { SimSemihostHost } from './semihost-host';
export { SimUnilibHypervisor } from './hvc-host';
