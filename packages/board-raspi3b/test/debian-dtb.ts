// Debian's device tree for the Raspberry Pi 3 Model B, from the arm64 kernel
// package that tools/linux-baseline fetches with apt (and caches) for its
// benchmarks: the first use downloads it (root, Debian's mirror), later ones
// read the cache.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_CACHE_DIR, ensureLinuxParts } from '@unishyper/linux-baseline';

export function debianRaspi3bDtb(): string {
  const parts = ensureLinuxParts(DEFAULT_CACHE_DIR, (m) => process.stderr.write(`[debian-dtb] ${m}\n`));
  // parts.kernel is <cache>/<package>/boot/vmlinuz-<release>; the trees are in usr/lib/<package>/.
  const unpacked = path.dirname(path.dirname(parts.kernel));
  const dtb = path.join(unpacked, 'usr', 'lib', parts.kernelPackage, 'broadcom', 'bcm2837-rpi-3-b.dtb');
  if (!fs.existsSync(dtb)) throw new Error(`${parts.kernelPackage} has no broadcom/bcm2837-rpi-3-b.dtb (looked for ${dtb})`);
  return dtb;
}
