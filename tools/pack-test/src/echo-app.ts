// The app a user would write outside the repository: a TCP echo server
// (echo-app/src/main.ts) whose package.json names the tarballs with file:
// paths. pnpm-workspace.yaml overrides every @unishyper package to its tarball,
// so a dependency between two of them resolves to the packed one too, never to
// the registry.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOARDS, FEATURES, type BoardName, type FeatureName } from '@unishyper/codegen/config';
import { importSpecifiers, isRelative, packageOf } from './imports.js';

export const ECHO_APP_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../echo-app');
const MAIN = path.join(ECHO_APP_DIR, 'src/main.ts');

export const BOARD: BoardName = 'virt';
export const APP_FEATURES: FeatureName[] = ['mm', 'threads', 'sync', 'virtio', 'net'];
export const GUEST_PORT = 7;
export const LISTENING = 'echo: listening on tcp 7';

/** What the app depends on: what its main.ts imports, its board's and features' packages, and the compiler. */
export function appPackages(): { dependencies: string[]; devDependencies: string[] } {
  const imported = importSpecifiers(fs.readFileSync(MAIN, 'utf8')).filter((s) => !isRelative(s)).map((s) => packageOf(s)!);
  const dependencies = new Set([...imported, BOARDS[BOARD], ...APP_FEATURES.map((f) => FEATURES[f])]);
  return { dependencies: [...dependencies].sort(), devDependencies: ['@unishyper/codegen'] };
}

export function writeEchoApp(dir: string, tarballs: Map<string, string>, hostPort: number): void {
  const { dependencies, devDependencies } = appPackages();
  const fileDeps = (names: string[]) => Object.fromEntries(names.map((n) => [n, `file:${tarballs.get(n)}`]));
  const pkg = { name: 'echo-app', version: '0.0.0', private: true, type: 'module', dependencies: fileDeps(dependencies), devDependencies: fileDeps(devDependencies) };
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  const overrides = [...tarballs].map(([n, t]) => `  "${n}": "file:${t}"`);
  // esbuild (under tsx) has an install script; pnpm runs only those allowed.
  fs.writeFileSync(path.join(dir, 'pnpm-workspace.yaml'), ['allowBuilds:', '  esbuild: true', 'overrides:', ...overrides, ''].join('\n'));
  fs.writeFileSync(
    path.join(dir, 'unishyper.config.ts'),
    [
      "import { defineApp } from '@unishyper/codegen/config';",
      '',
      'export default defineApp({',
      `  board: '${BOARD}',`,
      `  features: ${JSON.stringify(APP_FEATURES).replaceAll('"', "'")},`,
      `  network: { forwards: [{ proto: 'tcp', host: ${hostPort}, guest: ${GUEST_PORT} }] },`,
      '});',
      '',
    ].join('\n'),
  );
  fs.copyFileSync(MAIN, path.join(dir, 'src/main.ts'));
}
