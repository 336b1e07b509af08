/**
 * On-disk layout of a FAT volume: byte offsets of every field this package
 * reads or writes, in one place (Microsoft "FAT: General Overview of
 * On-Disk Format" 1.03, sections "Boot Sector and BPB", "FAT32 FSInfo
 * Sector Structure", "FAT Directory Structure" and the long-name entry of
 * "FAT Long Directory Entries"). All fields are little-endian.
 */

/** Boot sector and BPB (common part, then the FAT12/16 and FAT32 extensions). */
export const Bpb = {
  BytsPerSec: 11, // u16
  SecPerClus: 13, // u8
  RsvdSecCnt: 14, // u16
  NumFATs: 16, // u8
  RootEntCnt: 17, // u16
  TotSec16: 19, // u16
  Media: 21, // u8
  FATSz16: 22, // u16
  TotSec32: 32, // u32
  // FAT12/16 extension
  BootSig16: 38, // u8 (0x29: the next three fields are valid)
  VolLab16: 43, // 11 bytes
  // FAT32 extension
  FATSz32: 36, // u32
  ExtFlags: 40, // u16: bit 7 = only one FAT active, bits 0-3 = which one
  FSVer: 42, // u16, must be 0
  RootClus: 44, // u32
  FSInfo: 48, // u16
  BootSig32: 66,
  VolLab32: 71,
  Signature: 510, // u16 0xAA55
} as const;

/** FSInfo sector (FAT32 only). */
export const FsInfo = {
  LeadSig: 0, // u32 0x41615252
  StrucSig: 484, // u32 0x61417272
  FreeCount: 488, // u32, 0xFFFFFFFF = unknown
  NxtFree: 492, // u32, 0xFFFFFFFF = unknown
  TrailSig: 508, // u32 0xAA550000
  LEAD: 0x41615252,
  STRUC: 0x61417272,
  TRAIL: 0xaa550000,
  UNKNOWN: 0xffffffff,
} as const;

/** A 32-byte short directory entry. */
export const Dirent = {
  SIZE: 32,
  Name: 0, // 11 bytes: 8 name + 3 extension, space padded
  Attr: 11, // u8
  NTRes: 12, // u8: bit 3 = base is lower case, bit 4 = extension is lower case (Windows NT, Linux vfat)
  CrtTimeTenth: 13, // u8
  CrtTime: 14, // u16
  CrtDate: 16, // u16
  LstAccDate: 18, // u16
  FstClusHI: 20, // u16
  WrtTime: 22, // u16
  WrtDate: 24, // u16
  FstClusLO: 26, // u16
  FileSize: 28, // u32
  /** First name byte of a free entry. */
  FREE: 0xe5,
  /** First name byte of the entry that ends the directory (it and all after it are free). */
  END: 0x00,
  /** A first name byte 0x05 stands for 0xE5 (a KANJI lead byte). */
  KANJI_E5: 0x05,
} as const;

/** Attribute bits. */
export const Attr = {
  ReadOnly: 0x01,
  Hidden: 0x02,
  System: 0x04,
  VolumeId: 0x08,
  Directory: 0x10,
  Archive: 0x20,
  /** ReadOnly | Hidden | System | VolumeId: a long-name entry (when the upper two bits are clear). */
  LongName: 0x0f,
  LongNameMask: 0x3f,
} as const;

export const NtCase = {
  LowerBase: 0x08,
  LowerExt: 0x10,
} as const;

/** A 32-byte long-name entry. */
export const Lfn = {
  Ord: 0, // u8: sequence number 1..20, | 0x40 on the last (first stored) entry
  Name1: 1, // 5 UTF-16 units
  Attr: 11, // 0x0F
  Type: 12, // 0
  Chksum: 13, // checksum of the short name
  Name2: 14, // 6 UTF-16 units
  FstClusLO: 26, // 0
  Name3: 28, // 2 UTF-16 units
  LAST: 0x40,
  /** 255 UTF-16 units need at most 20 entries of 13. */
  MAX_ENTRIES: 20,
  UNITS_PER_ENTRY: 13,
} as const;

/** Offsets of the 13 UTF-16 units of a long-name entry, in name order. */
export const LFN_UNIT_OFFSETS: readonly number[] = [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30];

/** FAT types. */
export const FatType = {
  Fat12: 12,
  Fat16: 16,
  Fat32: 32,
} as const;

/** Longest directory, in entries (spec "FAT Directory Structure": 65,536 32-byte entries). */
export const MAX_DIR_ENTRIES = 65536;
/** Largest file: 4 GiB - 1. */
export const MAX_FILE_SIZE = 0xffffffff;
