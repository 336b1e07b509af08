import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleDepends, readModinfo, resolveModules, scanModuleTree } from '../src/modinfo.js';
import { fakeModule } from './elf-fixture.js';

describe('.modinfo', () => {
  it('reads key=value strings, repeated keys kept', () => {
    const info = readModinfo(fakeModule(['license=GPL', 'alias=fs-vfat', 'alias=fs-msdos', 'depends=fat,nls-base', 'name=vfat']));
    expect(info.get('alias')).toEqual(['fs-vfat', 'fs-msdos']);
    expect(moduleDepends(info)).toEqual(['fat', 'nls_base']);
  });

  it('an empty depends= means no dependencies', () => {
    expect(moduleDepends(readModinfo(fakeModule(['depends=', 'name=fat'])))).toEqual([]);
    expect(moduleDepends(readModinfo(fakeModule(['name=x'])))).toEqual([]);
  });

  it('rejects what is not a 64-bit little-endian ELF', () => {
    expect(() => readModinfo(Buffer.from('not an elf at all, not at all, not at all, not at all, not at all'))).toThrow(/not an ELF/);
  });
});

describe('module load order', () => {
  const deps: Record<string, string[]> = {
    virtio_mmio: ['virtio', 'virtio_ring'],
    virtio_blk: ['virtio', 'virtio_ring'],
    vfat: ['fat'],
    fat: [],
    nls_cp437: [],
    nls_ascii: [],
    a: ['b'],
    b: ['c'],
    c: ['a'],
  };
  const tree = { files: new Map(Object.keys(deps).map((n) => [n, `/m/${n}.ko`])), builtin: new Set(['virtio', 'virtio_ring', 'nls_base']) };
  const dependsOf = (file: string) => deps[path.basename(file, '.ko')]!;

  it('dependencies first, built-ins skipped, each module once, otherwise in the order asked', () => {
    const order = resolveModules(['virtio_mmio', 'virtio-blk', 'vfat', 'fat', 'nls_cp437', 'nls_ascii'], tree, dependsOf);
    expect(order.map((m) => m.name)).toEqual(['virtio_mmio', 'virtio_blk', 'fat', 'vfat', 'nls_cp437', 'nls_ascii']);
  });

  it('a missing module names the chain that needed it', () => {
    const t = { ...tree, files: new Map([['vfat', '/m/vfat.ko']]) };
    expect(() => resolveModules(['vfat'], t, dependsOf)).toThrow(/'fat' \(needed by vfat\) is neither/);
  });

  it('a cycle is reported, not looped on', () => {
    expect(() => resolveModules(['a'], tree, dependsOf)).toThrow(/cycle: a -> b -> c -> a/);
  });

  it('scans a module tree and reads each file\'s depends= (compressed .ko.gz too)', async () => {
    const { gzipSync } = await import('node:zlib');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'modtree-'));
    try {
      const dir = path.join(root, '6.1.0-test-arm64');
      fs.mkdirSync(path.join(dir, 'kernel/fs/fat'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'kernel/fs/fat/fat.ko'), fakeModule(['depends=', 'name=fat']));
      fs.writeFileSync(path.join(dir, 'kernel/fs/fat/vfat.ko.gz'), gzipSync(fakeModule(['depends=fat,nls_base', 'name=vfat'])));
      fs.writeFileSync(path.join(dir, 'modules.builtin'), 'kernel/fs/nls/nls_base.ko\n');
      const t = scanModuleTree(dir);
      expect(t.release).toBe('6.1.0-test-arm64');
      const order = resolveModules(['vfat'], t);
      expect(order.map((m) => [m.name, m.depends])).toEqual([
        ['fat', []],
        ['vfat', ['fat', 'nls_base']],
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
