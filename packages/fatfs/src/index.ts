// @unishyper/fatfs: FAT12/16/32 with long names over a BlockDevice.
export type { BlockDevice } from './block-device';
