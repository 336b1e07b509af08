// Checks of one packed package against what installing it outside the
// workspace needs. Each returns the problems it finds (empty when none), so a
// failing test names every one. pnpm's node_modules can hide a missing
// dependency (a package finds another through the app's own dependencies), so
// the imports are checked against package.json here rather than trusted to
// fail the build.
import fs from 'node:fs';
import path from 'node:path';
import { importSpecifiers, isRelative, packageOf } from './imports.js';
import type { Packed } from './pack.js';
import { RUNTIME_FIELDS, type Manifest } from './workspace.js';

const DEP_FIELDS = [...RUNTIME_FIELDS, 'devDependencies'] as const;
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** Ranges still on the workspace: protocol, and ranges to our packages that the packed version does not match. */
export function unpinnedRanges(m: Manifest, packedVersions: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const field of DEP_FIELDS) {
    for (const [dep, range] of Object.entries(m[field] ?? {})) {
      if (range.startsWith('workspace:')) problems.push(`${m.name}: ${field}.${dep} is still "${range}"`);
      const version = packedVersions.get(dep);
      if (field !== 'devDependencies' && version && ![version, `^${version}`, `~${version}`].includes(range)) problems.push(`${m.name}: ${field}.${dep} is "${range}", not the packed ${version}`);
    }
  }
  return problems;
}

/** Every file package.json points at (main, types, exports, bin). */
export function entryPoints(m: Manifest): string[] {
  const targets: string[] = [];
  const collect = (v: unknown) => {
    if (typeof v === 'string') targets.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  collect([m.main, m.types, m.exports, m.bin]);
  return targets.filter((t) => !t.includes('*')).map((t) => path.posix.normalize(t));
}

export function missingEntryPoints(p: Packed): string[] {
  return entryPoints(p.manifest)
    .filter((t) => !p.files.includes(t))
    .map((t) => `${p.name}: package.json points at ${t}, which is not in the tarball`);
}

/** The source files of the tarball with their text. */
export function sources(p: Packed): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of p.files) if (SOURCE.test(f)) out.set(f, fs.readFileSync(path.join(p.root, f), 'utf8'));
  return out;
}

/** Packages imported by shipped sources but not declared in dependencies or peerDependencies. */
export function undeclaredImports(m: Manifest, files: Map<string, string>): string[] {
  const declared = new Set([m.name, ...RUNTIME_FIELDS.flatMap((f) => Object.keys(m[f] ?? {}))]);
  const problems: string[] = [];
  for (const [file, text] of files) {
    for (const spec of importSpecifiers(text)) {
      if (isRelative(spec)) continue;
      const pkg = packageOf(spec);
      if (pkg && !declared.has(pkg)) problems.push(`${m.name}: ${file} imports '${spec}', but ${pkg} is not in its dependencies`);
    }
  }
  return problems;
}

/** Relative imports of shipped sources that name no shipped file. */
export function unresolvedRelativeImports(p: Packed, files: Map<string, string>): string[] {
  const shipped = new Set(p.files);
  const problems: string[] = [];
  for (const [file, text] of files) {
    for (const spec of importSpecifiers(text).filter(isRelative)) {
      const base = path.posix.join(path.posix.dirname(file), spec);
      const candidates = [base, `${base}.ts`, `${base}/index.ts`, base.replace(/\.js$/, '.ts')];
      if (!candidates.some((c) => shipped.has(c))) problems.push(`${p.name}: ${file} imports '${spec}', which is not in the tarball`);
    }
  }
  return problems;
}

export function shippedTests(p: Packed): string[] {
  return p.files.filter((f) => /\.test\.ts$/.test(f)).map((f) => `${p.name}: ships the test ${f}`);
}
