// Loads an app's unishyper.config.ts and checks it against the boards and
// features codegen knows and the app's package.json dependencies.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BOARDS, FEATURES, type AppConfig } from '../config.js';

export const CONFIG_FILE = 'unishyper.config.ts';

export class AppConfigError extends Error {}

export interface ResolvedApp {
  name: string;
  dir: string;
  configFile: string;
  board: keyof typeof BOARDS;
  boardPackage: string;
  features: string[];
  featurePackages: string[];
  mainFile: string;
}

export async function loadAppConfig(appDir: string): Promise<ResolvedApp> {
  const dir = path.resolve(appDir);
  const configFile = path.join(dir, CONFIG_FILE);
  if (!fs.existsSync(configFile)) throw new AppConfigError(`${configFile}: not found (an app needs ${CONFIG_FILE} with \`export default defineApp({ board, features })\`)`);
  const { tsImport } = await import('tsx/esm/api');
  let mod: { default?: unknown };
  try {
    mod = await tsImport(pathToFileURL(configFile).href, import.meta.url);
  } catch (e) {
    throw new AppConfigError(`${configFile}: cannot be loaded: ${(e as Error).message}`);
  }
  const cfg = (mod.default ?? {}) as Partial<AppConfig>;
  return validateAppConfig(dir, configFile, cfg);
}

export function validateAppConfig(dir: string, configFile: string, cfg: Partial<AppConfig>): ResolvedApp {
  const rel = path.relative(process.cwd(), configFile) || configFile;
  const pkgFile = path.join(dir, 'package.json');
  const pkg = fs.existsSync(pkgFile) ? (JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { name?: string; dependencies?: Record<string, string> }) : {};
  const deps = pkg.dependencies ?? {};
  const board = cfg.board as string | undefined;
  if (!board) throw new AppConfigError(`${rel}: no board; set board to one of: ${Object.keys(BOARDS).join(', ')}`);
  if (!(board in BOARDS)) throw new AppConfigError(`${rel}: unknown board '${board}'; known boards: ${Object.keys(BOARDS).join(', ')}`);
  const boardPackage = BOARDS[board as keyof typeof BOARDS];
  const missing = (pkgName: string, what: string) =>
    new AppConfigError(`${rel}: ${what} needs ${pkgName}, which is not a dependency of ${pkg.name ?? dir}; add "${pkgName}": "workspace:*" to ${path.relative(process.cwd(), pkgFile) || pkgFile} dependencies (or run: pnpm --filter ${pkg.name ?? '<app>'} add ${pkgName})`);
  if (!deps[boardPackage]) throw missing(boardPackage, `board '${board}'`);
  const features = [...new Set(['mm', ...(cfg.features ?? [])])];
  const featurePackages: string[] = [];
  for (const f of features) {
    if (!(f in FEATURES)) throw new AppConfigError(`${rel}: unknown feature '${f}'; known features: ${Object.keys(FEATURES).join(', ')}`);
    const p = FEATURES[f as keyof typeof FEATURES];
    if (!deps[p]) throw missing(p, `feature '${f}'`);
    featurePackages.push(p);
  }
  const mainFile = path.join(dir, 'src', 'main.ts');
  if (!fs.existsSync(mainFile)) throw new AppConfigError(`${path.relative(process.cwd(), mainFile)}: not found (an app's code starts at src/main.ts with \`export function main()\`)`);
  return { name: path.basename(dir), dir, configFile, board: board as keyof typeof BOARDS, boardPackage, features, featurePackages, mainFile };
}
