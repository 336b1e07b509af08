// @node-only: the test API of board-virt (kernel code never imports it).
export { SimPl011 } from '@unishyper/hal-aarch64/sim';
export { SimPl031 } from './pl031-model';
