// A kernel module file as plain ELF. Debian 12's kernel ships modules
// uncompressed, but later kernels (and other configs) use .ko.xz or .ko.zst;
// busybox insmod only loads plain ELF unless built with compression support,
// so compressed modules are decompressed on the host before they go into the
// initramfs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';

export function decompressModule(file: string): Buffer {
  if (file.endsWith('.ko')) return fs.readFileSync(file);
  if (file.endsWith('.ko.gz')) return zlib.gunzipSync(fs.readFileSync(file));
  const tool = file.endsWith('.ko.xz') ? 'xz' : file.endsWith('.ko.zst') ? 'zstd' : undefined;
  if (!tool) throw new Error(`${file}: not a kernel module file name (.ko, .ko.gz, .ko.xz, .ko.zst)`);
  try {
    return execFileSync(tool, ['-dc', file], { maxBuffer: 256 << 20 });
  } catch (e) {
    throw new Error(`cannot decompress ${file} with '${tool} -dc': ${(e as Error).message} (Debian: apt-get install ${tool === 'xz' ? 'xz-utils' : 'zstd'})`);
  }
}
