/**
 * The long fuzz run: `pnpm --filter @unishyper/fatfs fuzz -- --cases 100000`
 * (cases per FAT type; --seed N, --types 12,16,32). Exits 1 on the first
 * failures, printing each with its seed (fuzzCase(img, disk, seed) replays it).
 */
import { runFuzz } from './fuzz';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : def;
}

const cases = Number(arg('cases', '100000'));
const seed = Number(arg('seed', '1'));
const types = arg('types', '12,16,32').split(',').map((t) => Number(t) as 12 | 16 | 32);
const failures = runFuzz(types, cases, seed, 5, (msg) => console.log(msg));
for (const f of failures) console.log(`FAIL ${f}\n`);
console.log(failures.length === 0 ? `fuzz: ${cases} cases per type, no failures` : `fuzz: ${failures.length} failure(s)`);
process.exit(failures.length === 0 ? 0 : 1);
