import { describe, expect, it } from 'vitest';
import { initScript } from '../src/init-script.js';
import { kernelPackageFromDepends } from '../src/fetch.js';
import { storageWorkload } from '../src/storage.js';
import { run } from '../src/exec.js';

describe('/init', () => {
  const w = storageWorkload({ fileBytes: 16 << 20, chunkBytes: 64 << 10, randomReads: 100, seed: 7, repeat: 2 });
  const init = initScript([{ name: 'virtio_mmio' }, { name: 'fat' }, { name: 'vfat' }], w.script, { needsDisk: true });
  const lines = init.split('\n');

  it('mounts the pseudo file systems, then loads modules in the given order, then runs the workload, then powers off', () => {
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    expect(lines[0]).toBe('#!/bin/busybox sh');
    expect(at(/mount -t devtmpfs/)).toBeLessThan(at(/insmod/));
    expect(lines.filter((l) => l.startsWith('insmod')).map((l) => l.split(' ')[1])).toEqual(['/lib/modules/virtio_mmio.ko', '/lib/modules/fat.ko', '/lib/modules/vfat.ko']);
    expect(at(/-b \/dev\/vda/)).toBeGreaterThan(at(/insmod.*vfat/));
    expect(at(/^\. \/workload.sh/)).toBeGreaterThan(at(/-b \/dev\/vda/));
    expect(lines.at(-4)).toBe('echo "@@lb done"');
    expect(lines.at(-3)).toBe('poweroff -f');
  });

  it('every failure prints an error line before powering off', () => {
    expect(init).toContain('fail() { echo "@@lb error what=$*"; poweroff -f;');
    for (const l of lines.filter((x) => /^(insmod|mount) /.test(x))) expect(l).toMatch(/\|\| fail /);
  });

  it('the storage snippet measures each step with a remount (cold cache) between them', () => {
    const steps = w.script.split('\n').filter((l) => l.trim().startsWith('step ')).map((l) => l.trim().split(' ').slice(1, 4).join(' '));
    expect(steps).toEqual(['empty.$r /bin/fsbench nop', 'seq-write.$r /bin/fsbench write', 'seq-read.$r /bin/fsbench read', 'random-read.$r /bin/fsbench randread']);
    expect(w.script).toContain('for r in $(seq 1 2); do');
    expect(w.script).toContain('write /mnt/bench.dat 16777216 65536');
    expect(w.script).toContain('randread /mnt/bench.dat 100 4096 7');
    expect(w.script.match(/drop_caches/g)).toHaveLength(3);
  });
});

describe('fetching', () => {
  it('finds the kernel package in apt-cache depends output', () => {
    const out = 'linux-image-arm64:arm64\n  Depends: linux-image-6.1.0-57-arm64:arm64\n';
    expect(kernelPackageFromDepends(out)).toBe('linux-image-6.1.0-57-arm64');
    expect(kernelPackageFromDepends('linux-image-arm64\n  Depends: linux-image-6.12.9+bpo-arm64\n')).toBe('linux-image-6.12.9+bpo-arm64');
    expect(kernelPackageFromDepends('N: Unable to locate package linux-image-arm64:arm64')).toBeUndefined();
  });

  it('a failed command is named, with its status and output', () => {
    expect(() => run('sh', ['-c', 'echo E: no such package >&2; exit 100'])).toThrow(/'sh -c .*' failed \(exit 100\):\nE: no such package/);
    expect(() => run('no-such-tool-here', [])).toThrow(/no-such-tool-here is not installed/);
  });
});
