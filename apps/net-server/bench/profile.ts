// Where a benchmark phase's guest instructions go, by function: boots
// net-server as the bench does (bench/unikernel.ts, same machine, -icount,
// same host client) with a QEMU plugin (profile/insn-count.c, built here
// with the host's gcc) that counts every translation block's executions and
// snapshots the counts each time the guest enters Reading_take, the phase
// bracket of src/bench-control.ts; the difference of the two snapshots
// around a phase is that phase, attributed to symbols with nm (and to
// source lines with addr2line under --lines). The plugin's total agrees with
// the PMU's count of the phase (printed beside it) to within the bracketing.
//
//   pnpm --filter net-server bench:profile                      # bulk.1, per function
//   pnpm --filter net-server bench:profile -- --phase echo.1 --lines 40
//   pnpm --filter net-server bench:profile -- --fn NetThread_run     # its lines only
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { functionSymbols, symbolIndex } from '@unishyper/codegen/testing';
import { unikernel } from './unikernel';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { phase: { type: 'string' }, top: { type: 'string' }, lines: { type: 'string' }, fn: { type: 'string', multiple: true }, keep: { type: 'boolean' } },
});
const phase = values.phase ?? 'bulk.1';
const top = Number(values.top ?? 40);
const topLines = Number(values.lines ?? 0);
const MARK = 'Reading_take';
const log = (line: string) => process.stderr.write(`[net-profile] ${line}\n`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'net-profile-'));
const plugin = path.join(dir, 'insn-count.so');
const counts = path.join(dir, 'counts.txt');
const source = path.join(path.dirname(fileURLToPath(import.meta.url)), 'profile', 'insn-count.c');
execFileSync('gcc', ['-O2', '-shared', '-fPIC', '-fvisibility=hidden', '-o', plugin, source]);

const run = await unikernel({
  repeat: Math.max(1, Number(/\.(\d+)$/.exec(phase)?.[1] ?? 1)),
  log,
  extraArgs: (elf) => {
    const all = functionSymbols(elf);
    const mark = all.names.indexOf(MARK);
    if (mark < 0) throw new Error(`${MARK} is not in ${elf}`);
    return ['-plugin', `${plugin},mark=0x${all.addrs[mark]!.toString(16)},out=${counts}`];
  },
});

/** Snapshots: for each, executions by "pc insns" (a block translated twice is summed). */
const snaps: Map<string, number>[] = [];
for (const line of readFileSync(counts, 'utf8').split('\n')) {
  if (line.startsWith('snapshot')) snaps.push(new Map());
  else if (line) {
    const [pc, n, c] = line.split(' ');
    const m = snaps[snaps.length - 1]!;
    const k = `${pc} ${n}`;
    m.set(k, (m.get(k) ?? 0) + Number(c));
  }
}
// Each phase is "begin" then "end": two entries into the mark, in the console's phase order.
const index = run.phases.findIndex((p) => p.phase === phase);
if (index < 0) throw new Error(`no phase ${phase}; the run had ${run.phases.map((p) => p.phase).join(', ')}`);
const p = run.phases[index]!;
const [a, b] = [snaps[2 * index]!, snaps[2 * index + 1]!];

/** Instructions executed per instruction address during the phase; executions of each block start (a function's first block: its calls). */
const perPc = new Map<number, number>();
const starts = new Map<number, number>();
let total = 0;
for (const [k, end] of b) {
  const times = end - (a.get(k) ?? 0);
  if (times === 0) continue;
  const [pcHex, n] = k.split(' ');
  const pc = parseInt(pcHex!, 16);
  starts.set(pc, (starts.get(pc) ?? 0) + times);
  for (let i = 0; i < Number(n); i++) perPc.set(pc + 4 * i, (perPc.get(pc + 4 * i) ?? 0) + times);
  total += times * Number(n);
}

const syms = functionSymbols(run.elf);
function symbolOf(pc: number): string {
  const i = symbolIndex(syms, pc);
  return i < 0 ? '?' : syms.names[i]!;
}
const bySym = new Map<string, number>();
for (const [pc, n] of perPc) bySym.set(symbolOf(pc), (bySym.get(symbolOf(pc)) ?? 0) + n);
const calls = new Map<string, number>();
syms.addrs.forEach((addr, i) => calls.set(syms.names[i]!, (calls.get(syms.names[i]!) ?? 0) + (starts.get(addr) ?? 0)));

const pmu = p.insnPerCpu.reduce((s, n) => s + n, 0);
const frames = p.framesIn ?? 0;
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const per = (n: number) => (frames > 0 ? fmt(n / frames) : '-');
console.log(`phase ${phase}: ${fmt(total)} instructions counted by the plugin, ${fmt(pmu)} by the PMU; ${fmt(p.rx)} bytes received, ${fmt(p.tx)} sent, ${fmt(frames)} frames in, ${fmt(p.framesOut ?? 0)} out`);
if (p.rx > 0) console.log(`${fmt(total / p.rx, 3)} instructions per byte received; ${per(total)} per frame received`);
const perCall = (n: number, s: string) => ((calls.get(s) ?? 0) > 0 ? fmt(n / calls.get(s)!) : '-');
const callsPer = (s: string) => (frames > 0 ? fmt((calls.get(s) ?? 0) / frames, 2) : '-');
console.log('\n| function | instructions | share | per frame in | calls per frame in | per call |\n|---|---:|---:|---:|---:|---:|');
for (const [s, n] of [...bySym].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`| ${s} | ${fmt(n)} | ${fmt((100 * n) / total, 1)}% | ${per(n)} | ${callsPer(s)} | ${perCall(n, s)} |`);

const only = values.fn ?? [];
if (topLines > 0 || only.length > 0) {
  const pcs = [...perPc.keys()].filter((pc) => only.length === 0 || only.includes(symbolOf(pc)));
  const where = execFileSync('aarch64-linux-gnu-addr2line', ['-e', run.elf], { input: pcs.map((x) => `0x${x.toString(16)}`).join('\n'), maxBuffer: 1 << 28 })
    .toString().split('\n');
  const byLine = new Map<string, number>();
  pcs.forEach((pc, i) => {
    const l = (where[i] ?? '?').replace(/^.*\/(packages|apps|tools)\//, '$1/').replace(/ \(discriminator \d+\)/, '');
    byLine.set(l, (byLine.get(l) ?? 0) + perPc.get(pc)!);
  });
  console.log('\n| source line | instructions | share | per frame in |\n|---|---:|---:|---:|');
  for (const [l, n] of [...byLine].sort((x, y) => y[1] - x[1]).slice(0, topLines > 0 ? topLines : 60)) console.log(`| ${l} | ${fmt(n)} | ${fmt((100 * n) / total, 1)}% | ${per(n)} |`);
}
if (values.keep) log(`counts kept in ${counts}`);
else rmSync(dir, { recursive: true, force: true });
