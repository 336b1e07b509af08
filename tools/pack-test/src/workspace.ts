// The workspace's packages, and the ones an app needs: the closure of the
// app's dependencies over the packages' own dependencies and peers (never
// devDependencies, which an installed package does not bring).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanEnv } from './run.js';

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  main?: string;
  types?: string;
  exports?: unknown;
  bin?: string | Record<string, string>;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  unishyper?: Record<string, unknown>;
}

export const RUNTIME_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;

export interface WorkspacePackage {
  dir: string;
  manifest: Manifest;
}

/** Every project of the workspace at `repoRoot`, by name (as `pnpm ls -r` lists them). */
export function workspacePackages(repoRoot: string): Map<string, WorkspacePackage> {
  const out = execFileSync('pnpm', ['ls', '-r', '--depth', '-1', '--json'], { cwd: repoRoot, env: cleanEnv(), encoding: 'utf8' });
  const projects = JSON.parse(out) as { name: string; path: string }[];
  const byName = new Map<string, WorkspacePackage>();
  for (const p of projects) {
    const manifest = JSON.parse(fs.readFileSync(path.join(p.path, 'package.json'), 'utf8')) as Manifest;
    byName.set(p.name, { dir: p.path, manifest });
  }
  return byName;
}

/** `roots` and every workspace package they depend on at run time, sorted. */
export function dependencyClosure(roots: string[], pkgs: Map<string, WorkspacePackage>): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const p = pkgs.get(name);
    if (!p || seen.has(name)) return;
    seen.add(name);
    for (const field of RUNTIME_FIELDS) for (const dep of Object.keys(p.manifest[field] ?? {})) visit(dep);
  };
  roots.forEach(visit);
  return [...seen].sort();
}
