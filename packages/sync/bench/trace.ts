// Where the scheduler benchmarks' instructions go: builds
// test/fixtures/sched-trace (the benchmarks of sched-bench, 200 times each),
// boots it once like bench/run.ts (GICv3) with QEMU's instruction trace
// (-singlestep -d nochain,exec: one line per executed instruction, every
// core, in execution order), attributes each instruction to the function
// whose symbol covers its address, and prints per benchmark unit the
// instructions of each function (docs/benchmarks.md quotes them).
//
//   pnpm --filter @unishyper/sync trace            # every traced benchmark
//   pnpm --filter @unishyper/sync trace yield-2-threads
//
// A benchmark's window runs from one entry of its marker function to a
// later one, in the middle half of the entries during that benchmark (so
// its set-up is left out); every core's instructions in the window count.
// The trace is ~2 million lines in a temporary file, deleted afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildImage } from '@unishyper/codegen';
import { bootImage, functionSymbols, symbolIndex, type FunctionSymbols } from '@unishyper/codegen/testing';
import { benchMachine } from './sched-bench.js';

const APP = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'sched-trace');
/** The function the app calls after each benchmark, which separates them in the trace. */
const REPORT = 'benchmarks_report';

interface Traced {
  name: string;
  /** Position among the app's report() calls (the mutex benchmark is inlined: nothing to mark). */
  index: number;
  /** The function entered once per `perEntry` units. */
  marker: string;
  perEntry: number;
  unit: string;
}

const TRACED: Traced[] = [
  { name: 'yield-1-thread', index: 0, marker: 'scheduler_yieldNow', perEntry: 1, unit: 'yield' },
  { name: 'yield-2-threads', index: 1, marker: 'scheduler_yieldNow', perEntry: 1, unit: 'switch' },
  { name: 'spawn-join', index: 2, marker: 'scheduler_spawnPinned', perEntry: 1, unit: 'spawn+join' },
  // Each round trip is two releases, one on each core.
  { name: 'semaphore-pingpong-2-cores', index: 4, marker: 'Semaphore_release', perEntry: 0.5, unit: 'round trip (both cores)' },
];

interface Trace {
  /** The function of every executed instruction, in order. */
  fns: string[];
  /** Whether that instruction is its function's first (a call). */
  entry: boolean[];
}

async function readTrace(log: string, syms: FunctionSymbols): Promise<Trace> {
  const byPc = new Map<string, [string, boolean]>();
  const fns: string[] = [];
  const entry: boolean[] = [];
  const lines = readline.createInterface({ input: fs.createReadStream(log), crlfDelay: Infinity });
  for await (const line of lines) {
    const m = /^Trace \d+: \S+ \[[0-9a-f]+\/([0-9a-f]+)\//.exec(line);
    if (!m) continue;
    let known = byPc.get(m[1]!);
    if (known === undefined) {
      const pc = parseInt(m[1]!, 16);
      const i = symbolIndex(syms, pc);
      known = i < 0 ? ['?', false] : [syms.names[i]!, syms.addrs[i] === pc];
      byPc.set(m[1]!, known);
    }
    fns.push(known[0]);
    entry.push(known[1]);
  }
  return { fns, entry };
}

/** Instructions per unit by function, in one benchmark's middle window. */
function breakdown(tr: Trace, t: Traced): { perUnit: number; byFn: [string, number][] } {
  const { fns, entry } = tr;
  const reports: number[] = [];
  for (let i = 0; i < fns.length; i++) if (entry[i] && fns[i] === REPORT) reports.push(i);
  const start = t.index === 0 ? 0 : reports[t.index - 1]!;
  const end = reports[t.index]!;
  const entries: number[] = [];
  for (let i = start + 1; i < end; i++) if (entry[i] && fns[i] === t.marker) entries.push(i);
  if (entries.length < 8) throw new Error(`${t.name}: only ${entries.length} entries of ${t.marker} between reports`);
  const from = entries[Math.floor(entries.length / 4)]!;
  const toIndex = Math.floor((entries.length * 3) / 4);
  const to = entries[toIndex]!;
  const units = (toIndex - Math.floor(entries.length / 4)) * t.perEntry;
  const counts = new Map<string, number>();
  for (let i = from; i < to; i++) counts.set(fns[i]!, (counts.get(fns[i]!) ?? 0) + 1);
  const byFn = [...counts].map(([f, n]) => [f, n / units] as [string, number]).sort((a, b) => b[1] - a[1]);
  return { perUnit: (to - from) / units, byFn };
}

const wanted = process.argv.slice(2);
const img = await buildImage({ appDir: APP });
const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sched-trace-')), 'exec.log');
try {
  const r = await bootImage(img.elf, benchMachine(3), { timeoutMs: 600_000, boardArgs: [...img.qemuArgs, '-singlestep', '-d', 'nochain,exec', '-D', log] });
  if (r.status !== 0 || !/^bench done$/m.test(r.stdout)) throw new Error(`sched-trace did not finish (status ${r.status}):\n${r.stdout}${r.stderr}`);
  const trace = await readTrace(log, functionSymbols(img.elf));
  for (const t of TRACED) {
    if (wanted.length > 0 && !wanted.includes(t.name)) continue;
    const b = breakdown(trace, t);
    console.log(`${t.name}: ${b.perUnit.toFixed(1)} instructions per ${t.unit} (traced, 200 iterations; the loop included)`);
    for (const [fn, n] of b.byFn.slice(0, 14)) if (n >= 0.5) console.log(`  ${n.toFixed(1).padStart(8)}  ${fn}`);
  }
} finally {
  fs.rmSync(path.dirname(log), { recursive: true, force: true });
}
