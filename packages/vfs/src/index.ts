// @unishyper/vfs: the virtual file system.
export { Errno, errnoMessage, errnoName } from './errno';
export { DIR_ENTRY_NAME_BYTES, DirEntry, FsStats, NAME_MAX, NodeType, OpenFlags, PATH_MAX, Stat, type FileSystem } from './file-system';
