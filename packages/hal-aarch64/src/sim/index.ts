// @node-only: the test API of hal-aarch64 (kernel code never imports it).
export { installFirmware, type SimFirmware } from './firmware';
