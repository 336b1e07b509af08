// @unishyper/fatfs: FAT12/16/32 with long names over a BlockDevice.
export type { BlockDevice } from './block-device';
export { RamDisk } from './ram-disk';
export { FatFs, MountOptions, MountStatus } from './fat-fs';
export { CounterClock, FixedClock, FAT_DEFAULT_EPOCH, fatToUnix, unixToFat, type TimeSource } from './fat-time';
export { BlockCache, WriteClass } from './block-cache';
export { Geometry, parseBootSector } from './bpb';
export { BoardClock, mountFatAt } from './mount-at';
