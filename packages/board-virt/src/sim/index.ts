// @node-only: the test API of board-virt (kernel code never imports it).
export { SimPl011 } from './pl011-model';
export { SimPl031 } from './pl031-model';
