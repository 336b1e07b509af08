// The documented power-cut run (docs/benchmarks.md): N cuts (default 50) at
// seeded random moments of the power-cut kernel's write-and-sync workload,
// each judged as test/power-cut.ts says. Exit status 1 if any cut broke a
// synced file or left fsck.fat anything worse than lost clusters.
//
//   pnpm --filter fs power-cut              # 50 cuts
//   pnpm --filter fs power-cut -- --runs 200 --seed 7 --max-ms 5000
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildImage } from '@unishyper/codegen';
import { Rng } from '@unishyper/codegen/testing';
import { cutOnce, tempDir } from '../test/power-cut';

const { values } = parseArgs({ args: process.argv.slice(2).filter((a) => a !== '--'), options: { runs: { type: 'string' }, seed: { type: 'string' }, 'max-ms': { type: 'string' } } });
const runs = Number(values.runs ?? 50);
const seed = Number(values.seed ?? 20261206);
const maxMs = Number(values['max-ms'] ?? 3000);
const app = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'power-cut');
const img = await buildImage({ appDir: app });
const dir = tempDir();
const rng = new Rng(seed);
let failed = 0;
let checked = 0;
let withLost = 0;
for (let i = 1; i <= runs; i++) {
  const r = await cutOnce(img.elf, img.qemuArgs, 20 + rng.below(maxMs), dir);
  checked += r.synced;
  if (r.lostClusters.length) withLost++;
  const bad = [...r.fsckProblems, ...r.badFiles];
  if (bad.length) failed++;
  console.log(`cut ${String(i).padStart(3)}: after ${String(r.delayMs).padStart(4)} ms, ${String(r.synced).padStart(4)} files synced; fsck: ${r.lostClusters.length ? r.lostClusters.join('; ') : 'clean'}${bad.length ? `; FAILED: ${bad.join('; ')}` : ''}`);
}
fs.rmSync(dir, { recursive: true, force: true });
console.log(`\n${runs} cuts (seed ${seed}, 20..${20 + maxMs} ms after the workload started): ${checked} synced files checked, ${failed} cuts with a damaged synced file or an fsck problem beyond lost clusters, ${withLost} with lost clusters or a FAT copy behind`);
process.exit(failed ? 1 : 0);
