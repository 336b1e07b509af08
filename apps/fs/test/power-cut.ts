// Power cuts in QEMU: the power-cut kernel (fixtures/power-cut) writes
// and syncs file after file on a fresh FAT32 image; QEMU is killed with
// SIGKILL (its own process id) at a random moment; then the image is judged
// on the host:
//   - fsck.fat -n may report lost clusters (and the free-cluster count that
//     goes with them, and a second FAT copy one update behind) and nothing
//     else;
//   - every file the kernel said it had synced reads back byte-exact with
//     mtools under the name it last had (renamed and removed as reported).
// Used by test/power-cut.test.ts (a few cuts) and bench/power-cut.ts (the
// documented run of 50 or more).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { diskQemuArgs, makeDiskImage, qemuBinary } from '@unishyper/codegen';
import { virtQemuArgs } from '@unishyper/codegen/testing';

/** Must match the kernel's patternByte/fileBytes (fixtures/power-cut/src/main.ts). */
export const patternByte = (n: number, i: number) => (n * 131 + i * 7 + (i >> 8)) & 0xff;
export const fileBytes = (n: number) => (n * 2897) % 9000;

export interface CutResult {
  /** Milliseconds after the kernel said it was ready that QEMU was killed. */
  delayMs: number;
  synced: number;
  /** fsck.fat lines that are not about lost clusters (must be empty). */
  fsckProblems: string[];
  /** What fsck.fat said about lost clusters, if anything. */
  lostClusters: string[];
  /** Synced files that did not read back right (must be empty). */
  badFiles: string[];
  console: string;
}

/**
 * fsck.fat -n lines that say nothing worse than lost clusters: clusters
 * allocated in the FAT but in no file, the free count that follows from
 * that, and the second FAT copy one update behind the first (copies are
 * written one after the other, so a cut can fall between them; fsck.fat
 * finds both intact and uses the first, which is the newer).
 */
const LOST_CLUSTER_LINES = [
  /^FATs differ but appear to be intact\.$/,
  /^\s*Using first FAT\.$/,
  /^Checking for unused clusters\.$/,
  /^Reclaimed \d+ unused clusters? \(\d+ bytes\)( in \d+ chains?)?\.$/,
  /^Free cluster summary wrong \(\d+ vs\. really \d+\)$/,
  /^\s*Auto-correcting\.$/,
  /^Leaving filesystem unchanged\.$/,
  /^Performing changes\.$/,
];

export function judgeFsck(output: string): { problems: string[]; lost: string[] } {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  const problems: string[] = [];
  const lost: string[] = [];
  for (const l of lines) {
    if (/^fsck\.fat \d/.test(l) || /: \d+ files, \d+\/\d+ clusters$/.test(l)) continue;
    if (LOST_CLUSTER_LINES.some((re) => re.test(l))) lost.push(l);
    else problems.push(l);
  }
  return { problems, lost };
}

/** Boots the built power-cut kernel on a fresh image in `workDir`, kills QEMU `delayMs` after "@@ready"; the image and the console. */
export async function cut(elf: string, boardArgs: string[], delayMs: number, workDir: string): Promise<{ image: string; console: string }> {
  const image = path.join(workDir, 'cut.img');
  fs.rmSync(image, { force: true });
  const disk = { image, sizeMiB: 64, format: 'fat32' as const, readOnly: false };
  makeDiskImage(disk);
  const child = spawn(qemuBinary(), virtQemuArgs(elf, { gic: 2, smp: 1, memMiB: 128, extraArgs: diskQemuArgs([disk]) }, boardArgs), { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let armed = false;
  const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    if (!armed && out.includes('@@ready')) {
      armed = true;
      setTimeout(() => process.kill(child.pid!, 'SIGKILL'), delayMs);
    }
  });
  await new Promise((r) => child.on('close', r));
  clearTimeout(guard);
  const console = out.replace(/\r\n/g, '\n');
  if (!armed) throw new Error(`the power-cut kernel never became ready:\n${console}`);
  const error = /@@error.*/.exec(console);
  if (error) throw new Error(`the power-cut kernel failed before the cut: ${error[0]}\n${console}`);
  return { image, console };
}

/** Judges an image after a cut against what the kernel reported on `console` (see the file comment). */
export function judge(image: string, console: string, workDir: string): Omit<CutResult, 'delayMs' | 'console'> {
  let fsckOut: string;
  try {
    fsckOut = execFileSync('fsck.fat', ['-n', image], { encoding: 'utf8' });
  } catch (e) {
    fsckOut = (e as { stdout?: string }).stdout ?? String(e);
  }
  const { problems, lost } = judgeFsck(fsckOut);

  // The state the kernel reported: the last name of every synced file, and the removed ones.
  const synced = [...console.matchAll(/^@@synced (\d+) (\d+)$/gm)].map((m) => Number(m[1]));
  const renamed = new Set([...console.matchAll(/^@@renamed (\d+)$/gm)].map((m) => Number(m[1])));
  const removed = new Set([...console.matchAll(/^@@removed (\d+)$/gm)].map((m) => Number(m[1])));
  // A rename or removal that started but was not reported may or may not have happened.
  const last = synced.length ? synced[synced.length - 1]! : -1;
  const renameInDoubt = last % 10 === 9 && !renamed.has(last) ? last : -1;
  const removeInDoubt = last % 7 === 6 && last >= 20 && !removed.has(last - 20) ? last - 20 : -1;

  const outDir = path.join(workDir, 'out');
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir);
  try {
    execFileSync('mcopy', ['-s', '-n', '-i', image, '::cut', outDir], { env: { ...process.env, MTOOLS_SKIP_CHECK: '1' }, stdio: 'pipe' });
  } catch (e) {
    // mtools gave up on the directory: a damaged volume, reported with what fsck.fat made of it.
    const why = String((e as { stderr?: Buffer }).stderr ?? e).trim();
    return { synced: 0, fsckProblems: problems, lostClusters: lost, badFiles: [`mcopy could not read ::cut (${why}); fsck.fat -n said: ${fsckOut.trim().split('\n').join(' | ')}`] };
  }
  const present = new Set(fs.existsSync(path.join(outDir, 'cut')) ? fs.readdirSync(path.join(outDir, 'cut')) : []);
  const badFiles: string[] = [];
  for (const n of synced) {
    const names = n === renameInDoubt ? [`f${n}.bin`, `r${n}.bin`] : [renamed.has(n) ? `r${n}.bin` : `f${n}.bin`];
    const found = names.filter((f) => present.has(f));
    if (removed.has(n)) {
      if (found.length) badFiles.push(`${found[0]}: removed and synced, but still there`);
      continue;
    }
    if (found.length === 0) {
      if (n !== removeInDoubt) badFiles.push(`${names.join(' or ')}: synced, but missing`);
      continue;
    }
    const got = fs.readFileSync(path.join(outDir, 'cut', found[0]!));
    const want = Buffer.alloc(fileBytes(n));
    for (let i = 0; i < want.length; i++) want[i] = patternByte(n, i);
    if (!got.equals(want)) badFiles.push(`${found[0]}: ${got.length} bytes read back, ${want.length} synced, ${firstDifference(got, want)}`);
  }
  return { synced: synced.length, fsckProblems: problems, lostClusters: lost, badFiles };
}

/** One cut and its judgement. */
export async function cutOnce(elf: string, boardArgs: string[], delayMs: number, workDir: string): Promise<CutResult> {
  const { image, console } = await cut(elf, boardArgs, delayMs, workDir);
  return { delayMs, console, ...judge(image, console, workDir) };
}

function firstDifference(a: Buffer, b: Buffer): string {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return `first difference at byte ${i}`;
  return a.length === b.length ? 'equal' : 'one is a prefix of the other';
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'power-cut-'));
}
