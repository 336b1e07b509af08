// @unishyper/vfs: the virtual file system.
export { Errno, errnoMessage, errnoName } from './errno';
export { DIR_ENTRY_NAME_BYTES, DirEntry, FsStats, NAME_MAX, NodeType, OpenFlags, PATH_MAX, Stat, type FileSystem } from './file-system';
export { checkOpenFlags, DEFAULT_MAX_FDS, DEFAULT_MAX_MOUNTS, LOOKUPS, MountInfo, Seek, Vfs } from './vfs';
export { readFile, readIntoStrBuf, writeFile, writeString } from './text-io';
export { initVfs, kernelVfs } from './kernel-vfs';
export { MAX_FILE_SIZE, MAX_HANDLES, RAMFS_BLOCK, RamFs } from './ramfs/ramfs';
export { PathBuf } from './path';
export { registerFsCommands } from './commands';
export { PathCompleter } from './path-completer';
