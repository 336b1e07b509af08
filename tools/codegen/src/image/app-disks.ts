// The disks an app boots with (unishyper.config.ts `disks`): a missing image
// is made (a sparse file of the configured size, formatted with mkfs.fat when
// the format is a FAT), and each image becomes a virtio-blk device on
// virtio-mmio. QEMU's virtio-mmio devices are legacy ones unless
// force-legacy=false; the kernel drives modern devices only.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedApp, ResolvedDisk } from './app-config.js';
import { ToolMissingError } from './qemu.js';

/** Thrown when a disk image cannot be made; the message names the image and why. */
export class DiskImageError extends Error {}

const MIB = 1024 * 1024;

/** The QEMU arguments for the app's disks, in order (the first is the first device the kernel finds). */
export function diskQemuArgs(disks: readonly ResolvedDisk[]): string[] {
  if (disks.length === 0) return [];
  const args = ['-global', 'virtio-mmio.force-legacy=false'];
  disks.forEach((d, i) => {
    args.push('-drive', `file=${d.image},if=none,format=raw,id=disk${i}${d.readOnly ? ',readonly=on' : ''}`);
    args.push('-device', `virtio-blk-device,drive=disk${i}`);
  });
  return args;
}

/** Makes every disk image of `app` that does not exist yet; reports each one made. Existing images are left as they are. */
export function prepareDisks(app: ResolvedApp, progress?: (m: string) => void): void {
  for (const d of app.disks) {
    if (fs.existsSync(d.image)) {
      if (!fs.statSync(d.image).isFile()) throw new DiskImageError(`${rel(d.image)}: not a regular file; disks in ${rel(app.configFile)} must name image files`);
      continue;
    }
    makeDiskImage(d);
    progress?.(`made ${rel(d.image)}: ${d.sizeMiB} MiB, ${d.format === 'none' ? 'zeros' : `${d.format.toUpperCase()} (mkfs.fat -F ${d.format.slice(3)})`}`);
  }
}

/** A new image for `d`: sparse zeros of its size, then mkfs.fat for a FAT format. Nothing is left behind on failure. */
export function makeDiskImage(d: ResolvedDisk): void {
  fs.mkdirSync(path.dirname(d.image), { recursive: true });
  const tmp = `${d.image}.making`;
  fs.rmSync(tmp, { force: true });
  try {
    fs.closeSync(fs.openSync(tmp, 'w'));
    fs.truncateSync(tmp, d.sizeMiB * MIB);
    if (d.format !== 'none') {
      try {
        execFileSync('mkfs.fat', ['-F', d.format.slice(3), '-n', 'UNISHYPER', tmp], { stdio: 'pipe' });
      } catch (e) {
        const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
        if (err.code === 'ENOENT') throw new ToolMissingError('cannot run mkfs.fat: not found. Install dosfstools (Debian/Ubuntu: sudo apt-get install dosfstools; or bash scripts/setup.sh).');
        const why = (err.stderr?.toString() ?? err.message).trim().split('\n').pop();
        throw new DiskImageError(`${rel(d.image)}: mkfs.fat -F ${d.format.slice(3)} failed for a ${d.sizeMiB} MiB image: ${why}`);
      }
    }
    if (d.format !== 'none') checkFatType(tmp, d);
    fs.renameSync(tmp, d.image);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * The FAT type of a volume is decided by its count of clusters alone
 * (Microsoft FAT specification, 3.5): below 4085 FAT12, below 65525 FAT16,
 * else FAT32. mkfs.fat writes a FAT32 layout on a disk too small for one
 * (with a warning); such a volume is FAT16 to every reader that follows the
 * spec, so it is refused here.
 */
function checkFatType(file: string, d: ResolvedDisk): void {
  const bs = Buffer.alloc(512);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, bs, 0, 512, 0);
  fs.closeSync(fd);
  const bytesPerSector = bs.readUInt16LE(11);
  const rootDirSectors = Math.ceil((bs.readUInt16LE(17) * 32) / bytesPerSector);
  const fatSize = bs.readUInt16LE(22) || bs.readUInt32LE(36);
  const totalSectors = bs.readUInt16LE(19) || bs.readUInt32LE(32);
  const dataSectors = totalSectors - (bs.readUInt16LE(14) + bs[16]! * fatSize + rootDirSectors);
  const clusters = Math.floor(dataSectors / bs[13]!);
  const type = clusters < 4085 ? 'fat12' : clusters < 65525 ? 'fat16' : 'fat32';
  if (type === d.format) return;
  const need = d.format === 'fat32' ? 'FAT32 needs 65525 clusters or more (about 33 MiB and up)' : d.format === 'fat16' ? 'FAT16 needs 4085 to 65524 clusters' : 'FAT12 needs fewer than 4085 clusters';
  throw new DiskImageError(`${rel(d.image)}: a ${d.sizeMiB} MiB ${d.format.toUpperCase()} image would have ${clusters} clusters, which makes it ${type.toUpperCase()} (FAT spec 3.5); ${need}: change sizeMiB or format`);
}

const rel = (p: string) => path.relative(process.cwd(), p) || p;
