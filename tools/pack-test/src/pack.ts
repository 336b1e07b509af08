// `pnpm pack` of one workspace package, unpacked next to its tarball so the
// checks read exactly what a user would install.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { cleanEnv } from './run.js';
import type { Manifest } from './workspace.js';

const exec = promisify(execFile);

export interface Packed {
  name: string;
  tarball: string;
  /** The unpacked tarball (its package/ directory). */
  root: string;
  /** Paths inside the tarball, '/'-separated, without the package/ prefix. */
  files: string[];
  /** package.json as packed (workspace: ranges rewritten by pnpm). */
  manifest: Manifest;
}

export async function packPackage(dir: string, dest: string): Promise<Packed> {
  const { stdout } = await exec('pnpm', ['pack', '--pack-destination', dest, '--json'], { cwd: dir, env: cleanEnv(), maxBuffer: 16 << 20 });
  const info = JSON.parse(stdout) as { name: string; filename: string };
  const root = path.join(dest, info.name.replace('/', '+'));
  fs.mkdirSync(root, { recursive: true });
  await exec('tar', ['-xzf', info.filename, '-C', root]);
  const unpacked = path.join(root, 'package');
  const files = (fs.readdirSync(unpacked, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(unpacked, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
  const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8')) as Manifest;
  return { name: info.name, tarball: info.filename, root: unpacked, files, manifest };
}
