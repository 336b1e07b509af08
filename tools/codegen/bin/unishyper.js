#!/usr/bin/env node
// Runs the CLI from its TypeScript sources through tsx when they are present
// (the workspace); otherwise from the built dist/cli.js.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, '../src/cli.ts');
if (existsSync(source)) {
  // In the workspace the TypeScript sources are the truth (dist/ may be stale).
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
} else {
  await import(pathToFileURL(join(here, '../dist/cli.js')).href);
}
