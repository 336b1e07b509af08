// Tests that need a network namespace of their own with a tap device in it
// (unshare -n, /dev/net/tun, iproute2): why this machine cannot make one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** Why a test cannot make a network namespace with a tap device here (null: it can). */
export function cannotUseNamespace(): string | null {
  if (!fs.existsSync('/dev/net/tun')) return 'no /dev/net/tun';
  const r = spawnSync('unshare', ['-n', 'true'], { encoding: 'utf8' });
  if (r.error) return `unshare cannot run (${r.error.message})`;
  if (r.status !== 0) return `unshare -n is not allowed here (${r.stderr.trim()})`;
  if (spawnSync('ip', ['-V']).error) return 'no ip command (iproute2)';
  return null;
}
