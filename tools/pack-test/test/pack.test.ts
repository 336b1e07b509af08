/**
 * `pnpm add @unishyper/net` outside the repository: packs every workspace
 * package a TCP echo app needs (found from the dependency graph), checks
 * each tarball on its own, then makes the app in a temporary directory,
 * installs the tarballs with pnpm, builds the image with the installed
 * `unishyper` CLI and boots it in QEMU (restricted user networking, one
 * forward from 127.0.0.1 to a free port), and checks the bytes it echoes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNetworkArgs, freePort, splitArgs } from '@unishyper/codegen';
import { bootApp, type Booted } from '../src/boot.js';
import { appPackages, LISTENING, writeEchoApp } from '../src/echo-app.js';
import { echoRoundTrip } from '../src/echo-client.js';
import { missingEntryPoints, shippedTests, sources, undeclaredImports, unpinnedRanges, unresolvedRelativeImports } from '../src/manifest-checks.js';
import { packPackage, type Packed } from '../src/pack.js';
import { run, show } from '../src/run.js';
import { dependencyClosure, workspacePackages } from '../src/workspace.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let tmp = '';
let appDir = '';
let packed: Packed[] = [];
let booted: Booted | undefined;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unishyper-pack-'));
  appDir = path.join(tmp, 'echo-app');
  const pkgs = workspacePackages(REPO);
  const { dependencies, devDependencies } = appPackages();
  const needed = dependencyClosure([...dependencies, ...devDependencies], pkgs);
  fs.mkdirSync(path.join(tmp, 'packs'));
  packed = await Promise.all(needed.map((name) => packPackage(pkgs.get(name)!.dir, path.join(tmp, 'packs'))));
});

afterAll(() => {
  booted?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const byName = (name: string) => packed.find((p) => p.name === name)!;

describe('the tarballs of what an app needs', () => {
  it('are found from the dependency graph, and none is private', () => {
    const names = packed.map((p) => p.name);
    // The echo app's own imports and features, and what they pull in (hal, rt through everything).
    for (const n of ['@unishyper/net', '@unishyper/virtio', '@unishyper/board-virt', '@unishyper/hal-aarch64', '@unishyper/rt', '@unishyper/sched', '@unishyper/sync', '@unishyper/mm', '@unishyper/codegen']) expect(names).toContain(n);
    expect(packed.filter((p) => p.manifest.private).map((p) => p.name)).toEqual([]);
  });

  it('name versions, not workspace: ranges, and pin our packages to the packed versions', () => {
    const versions = new Map(packed.map((p) => [p.name, p.manifest.version]));
    expect(packed.flatMap((p) => unpinnedRanges(p.manifest, versions))).toEqual([]);
  });

  it('hold every file package.json points at (main, types, exports, bin), and no tests', () => {
    expect(packed.flatMap((p) => [...missingEntryPoints(p), ...shippedTests(p)])).toEqual([]);
  });

  it('declare every package their sources import, and hold every file they import', () => {
    expect(packed.flatMap((p) => undeclaredImports(p.manifest, sources(p)))).toEqual([]);
    expect(packed.flatMap((p) => unresolvedRelativeImports(p, sources(p)))).toEqual([]);
  });

  it('hold what the CLI reads besides sources: the board entry, HAL and rt native code, codegen runtime', () => {
    expect(byName('@unishyper/board-virt').manifest.unishyper?.loadAddress).toMatch(/^0x[0-9a-f]+$/);
    expect(byName('@unishyper/hal-aarch64').files).toContain('native/kernel.ld');
    expect(byName('@unishyper/hal-aarch64').files.some((f) => /^native\/.*\.S$/.test(f))).toBe(true);
    expect(byName('@unishyper/rt').files.some((f) => /^native\/.*\.h$/.test(f))).toBe(true);
    expect(byName('@unishyper/codegen').files).toEqual(expect.arrayContaining(['bin/unishyper.js', 'src/cli.ts', 'runtime/dialect.h', 'runtime/libc-mini.c']));
  });

  it('the import check reports a package that forgets a dependency', () => {
    const net = byName('@unishyper/net');
    const { '@unishyper/sched': _sched, ...rest } = net.manifest.dependencies!;
    const problems = undeclaredImports({ ...net.manifest, dependencies: rest }, sources(net));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.includes('but @unishyper/sched is not in its dependencies'))).toBe(true);
  });
});

describe('a TCP echo app outside the repository, from the tarballs', () => {
  let hostPort = 0;

  it('installs with pnpm, every @unishyper package once and from its tarball', async () => {
    expect(path.relative(REPO, appDir).startsWith('..')).toBe(true);
    hostPort = await freePort();
    writeEchoApp(appDir, new Map(packed.map((p) => [p.name, p.tarball])), hostPort);
    // A new app has no lockfile (CI=true would make pnpm insist on one); third-party packages come from the store when it has them.
    const r = await run('pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile'], appDir);
    expect(r.code, show('pnpm install', r)).toBe(0);
    const installed = fs.readdirSync(path.join(appDir, 'node_modules/.pnpm')).filter((d) => d.startsWith('@unishyper+'));
    expect(installed.filter((d) => !/@file\+.*\.tgz/.test(d))).toEqual([]);
    const names = installed.map((d) => d.slice(0, d.indexOf('@', 1)));
    expect(names.length).toBe(new Set(names).size);
  }, 120_000);

  it('builds its image with the installed unishyper CLI', async () => {
    const r = await run('pnpm', ['exec', 'unishyper', 'image', '.'], appDir, 150_000);
    expect(r.code, show('unishyper image', r)).toBe(0);
    expect(fs.statSync(path.join(appDir, 'build/echo-app.elf')).size).toBeGreaterThan(0);
  }, 160_000);

  it('boots in QEMU on restricted user networking and echoes bytes sent to 127.0.0.1 exactly', async () => {
    booted = await bootApp(appDir, LISTENING);
    const args = splitArgs(booted.qemuCommand);
    expect(args.join(' ')).toContain('-nic none');
    expect(args.join(' ')).toContain(`restrict=on`);
    expect(args.join(' ')).toContain(`hostfwd=tcp:127.0.0.1:${hostPort}-:7`);
    expect(checkNetworkArgs(args)).toEqual([]);
    for (const size of [1, 1460, 65536]) {
      const data = crypto.randomBytes(size);
      const back = await echoRoundTrip(hostPort, data);
      expect(back.equals(data), `${size} bytes: ${back.length} came back`).toBe(true);
    }
  }, 120_000);
});
