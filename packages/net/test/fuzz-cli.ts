/**
 * The long fuzz run: `pnpm --filter @unishyper/net fuzz -- --cases 1000000 [--seed N] [--tcp]`
 * (--tcp: mutated TCP segments against a listener and live connections, tcp-fuzz.ts).
 * Exits 1 on the first failure, printing it with its seed (runFuzz(cases, seed) replays it).
 */
import { runFuzz } from './fuzz';
import { runTcpFuzz } from './tcp-fuzz';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : def;
}

const cases = Number(arg('cases', '1000000'));
const seed = Number(arg('seed', '1'));
const run = process.argv.includes('--tcp') ? runTcpFuzz : runFuzz;
const failures = run(cases, seed, (msg) => console.log(msg));
for (const f of failures) console.log(`FAIL ${f}`);
console.log(failures.length === 0 ? `fuzz: ${cases} cases, no failures` : `fuzz: ${failures.length} failure(s)`);
process.exit(failures.length === 0 ? 0 : 1);
