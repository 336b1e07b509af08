// The guest's own programs (measure, and each workload's), built as static
// aarch64 Linux executables so the initramfs needs no libc of its own.
// Built once per source and flags, then taken from the cache.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, type Log } from './exec.js';

export const GUEST_DIR = fileURLToPath(new URL('../guest/', import.meta.url));
export const GUEST_CC = process.env.LINUX_BASELINE_CC ?? 'aarch64-linux-gnu-gcc';
export const GUEST_CFLAGS = ['-static', '-O2', '-Wall', '-Wextra', '-Werror'];

/** The headers a source includes with `#include "x.h"` (next to it; one level: the guest headers include none of their own). */
export function localIncludes(source: string, text: string): string[] {
  return [...text.matchAll(/^\s*#\s*include\s+"([^"]+)"/gm)].map((m) => path.join(path.dirname(source), m[1]!));
}

/** Compiles `source` (a C file) to `<cacheDir>/guest/<hash>/<name>` unless that exists; returns its path. */
export function buildGuestProgram(name: string, source: string, cacheDir: string, log: Log): string {
  const text = fs.readFileSync(source, 'utf8');
  // Keyed by the compiler, the flags, the source and the headers it includes, so editing a header rebuilds.
  const h = crypto.createHash('sha256').update(GUEST_CC).update(GUEST_CFLAGS.join(' ')).update(text);
  for (const inc of localIncludes(source, text)) h.update(path.basename(inc)).update(fs.readFileSync(inc));
  const hash = h.digest('hex').slice(0, 16);
  const out = path.join(cacheDir, 'guest', hash, name);
  if (fs.existsSync(out)) return out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  run(GUEST_CC, [...GUEST_CFLAGS, '-o', `${out}.tmp`, source], {
    log,
    hint: 'The guest programs need the AArch64 cross compiler and libc: apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross (or bash scripts/setup.sh).',
  });
  fs.renameSync(`${out}.tmp`, out);
  return out;
}
