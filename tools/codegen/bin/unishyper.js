#!/usr/bin/env node
// Runs the CLI from its TypeScript sources through tsx. The package ships
// src/ rather than a build: the kernel packages it compiles (and imports, e.g.
// @unishyper/rt/sim) are TypeScript only, so Node needs tsx here either way.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { register } = await import('tsx/esm/api');
register();
await import(pathToFileURL(join(here, '../src/cli.ts')).href);
