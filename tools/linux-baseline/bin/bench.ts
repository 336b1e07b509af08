// pnpm --filter @unishyper/linux-baseline bench [--smp N] [--mem MiB] [--disk MiB]
//   [--file MiB] [--chunk KiB] [--reads N] [--repeat N] [--seed N] [--keep-disk FILE]
//   [--refresh] [--console] [--json]
// pnpm --filter @unishyper/linux-baseline bench --calibrate [--smp N] [--mem MiB]
// pnpm --filter @unishyper/linux-baseline bench --net [--smp N] [--mem MiB] [--echo N] [--echo-size B]
//   [--bulk MiB] [--http N] [--repeat N] [--console] [--json]     (also: bench:net)
//
// Boots Debian's arm64 kernel with the storage workload and prints a table.
// The first run fetches the kernel and busybox with apt (root needed).
import { LinuxBaselineError, runLinuxCalibration, runLinuxStorageBaseline, STORAGE_DEFAULTS, type Figure, type StorageBaseline } from '../src/index.js';
import { runNetBench } from './bench-net.js';
import { formatStorageTable } from '../src/table.js';

const argv = process.argv.slice(2).filter((a) => a !== '--');
const flag = (name: string) => argv.includes(name);
function value(name: string): number | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = Number(argv[i + 1]);
  if (!Number.isInteger(v) || v <= 0) {
    console.error(`${name} needs a positive integer, not '${argv[i + 1] ?? ''}'`);
    process.exit(2);
  }
  return v;
}
const known = new Set(['--smp', '--mem', '--disk', '--file', '--chunk', '--reads', '--seed', '--keep-disk', '--refresh', '--console', '--json', '--timeout', '--calibrate', '--repeat', '--net', '--echo', '--echo-size', '--bulk', '--http']);
const unknown = argv.filter((a, i) => a.startsWith('--') && !known.has(a) && !(i > 0 && known.has(argv[i - 1]!)));
if (unknown.length || flag('--help')) {
  console.error(`usage: bench [--smp N] [--mem MiB] [--disk MiB] [--file MiB] [--chunk KiB] [--reads N] [--repeat N] [--seed N] [--keep-disk FILE] [--timeout S] [--refresh] [--console] [--json]\n       bench --calibrate [--smp N] [--mem MiB]\n       bench --net [--smp N] [--mem MiB] [--echo N] [--echo-size B] [--bulk MiB] [--http N] [--repeat N] [--timeout S] [--console] [--json]\n(storage defaults: ${JSON.stringify(STORAGE_DEFAULTS)})`);
  process.exit(2);
}
const mib = (n: number | undefined) => (n === undefined ? undefined : n * 1024 * 1024);
const keepAt = argv.indexOf('--keep-disk');
const onConsole = flag('--console') ? (s: string) => process.stderr.write(s) : undefined;

if (flag('--net')) {
  process.exit(
    await runNetBench(
      { smp: value('--smp'), memMiB: value('--mem'), echoCount: value('--echo'), echoSize: value('--echo-size'), bulkBytes: mib(value('--bulk')), httpCount: value('--http'), repeat: value('--repeat') },
      { refresh: flag('--refresh'), timeoutS: value('--timeout'), onConsole },
      flag('--json'),
    ),
  );
}

if (flag('--calibrate')) {
  try {
    const c = await runLinuxCalibration({ smp: value('--smp'), memMiB: value('--mem'), timeoutS: value('--timeout'), onConsole });
    const n = c.iterations.toLocaleString('en-US');
    console.log(c.command);
    console.log(`spin ${n} -> spin ${(2 * c.iterations).toLocaleString('en-US')} (2 user instructions per iteration):`);
    console.log(`  EL0 instructions added   ${c.userDelta.toLocaleString('en-US')}  (expected exactly ${(2 * c.iterations).toLocaleString('en-US')} with -smp 1)`);
    console.log(`  all instructions added   ${c.insnDelta.toLocaleString('en-US')}  (${c.perIteration.toFixed(4)} per iteration: 2 + the kernel's timer ticks)`);
    console.log(`  CNTVCT ticks added       ${c.cntvctDelta.toLocaleString('en-US')}`);
    process.exit(0);
  } catch (e) {
    console.error(`linux-baseline: ${(e as Error).message}`);
    process.exit(1);
  }
}

let result: StorageBaseline;
try {
  result = await runLinuxStorageBaseline(
    {
      smp: value('--smp'),
      memMiB: value('--mem'),
      diskMiB: value('--disk'),
      fileMiB: value('--file'),
      chunkKiB: value('--chunk'),
      randomReads: value('--reads'),
      repeat: value('--repeat'),
      seed: value('--seed'),
      keepDisk: keepAt >= 0 ? argv[keepAt + 1] : undefined,
    },
    { refresh: flag('--refresh'), timeoutS: value('--timeout'), onConsole },
  );
} catch (e) {
  console.error(`linux-baseline: ${(e as Error).message}`);
  process.exit(e instanceof LinuxBaselineError ? 1 : 2);
}
if (flag('--json')) {
  const strip = ({ raw, ...f }: Figure) => ({ ...f, perCpu: raw.insnPerCpu });
  console.log(JSON.stringify({ ...result, console: undefined, seqWrite: strip(result.seqWrite), seqRead: strip(result.seqRead), randomRead: strip(result.randomRead) }, null, 2));
} else console.log(formatStorageTable(result));
