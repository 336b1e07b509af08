// @node-only: the test API of board-raspi3b (kernel code never imports it).
export { SimBcmInterrupts } from './bcm-model';
