#!/usr/bin/env node
// Runs the CLI from TypeScript sources through tsx (workspace use); a
// published package runs dist/cli.js instead.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '../dist/cli.js');
if (existsSync(dist) && !process.env.UNISHYPER_FROM_SOURCE) {
  await import(pathToFileURL(dist).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(here, '../src/cli.ts')).href);
}
