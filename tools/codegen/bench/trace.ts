// Where a kernel's instructions go, in both variants: builds the C and the
// dialect image of one glue/call.c kernel with a smaller work count, runs
// each under QEMU with the instruction trace (-singlestep -d nochain,exec:
// one line per executed instruction), attributes every instruction to the
// function whose symbol covers its address (gcc's .constprop/.isra/.part
// clones folded into their function) and prints the two profiles side by
// side, plus the hottest addresses of the dialect image to read against its
// disassembly (bench/out/<kernel>/<kernel>.dialect.elf).
//
//   pnpm --filter @unishyper/codegen exec tsx bench/trace.ts lru [n] [--asm]
//
// The counts include the harness (set-up, six measured calls): compare the
// kernel's own functions. The trace goes to a temporary file, deleted after.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { buildCImage, buildDialectImage } from './lib/images.js';
import { KERNELS } from './lib/kernels.js';
import { QEMU, qemuArgs } from './lib/qemu.js';
import { BENCH_DIR, CC, buildHarness } from './lib/toolchain.js';
import { functionSymbols, symbolIndex } from '../src/testing-symbols.js';

/** Instructions per function and per address of one run of `elf`. */
async function profile(elf: string): Promise<{ byFn: Map<string, number>; byPc: Map<number, number> }> {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-trace-')), 'trace.log');
  try {
    const args = qemuArgs(elf).filter((a, i, all) => a !== '-icount' && all[i - 1] !== '-icount');
    spawnSync(QEMU, [...args, '-singlestep', '-d', 'nochain,exec', '-D', log], { stdio: 'ignore', timeout: 600_000 });
    const byPc = new Map<number, number>();
    const rl = readline.createInterface({ input: fs.createReadStream(log) });
    for await (const line of rl) {
      const m = /\/([0-9a-f]{16})\//.exec(line);
      if (!m) continue;
      const pc = parseInt(m[1]!, 16);
      byPc.set(pc, (byPc.get(pc) ?? 0) + 1);
    }
    const syms = functionSymbols(elf, CC.replace(/gcc$/, 'nm'));
    const byFn = new Map<string, number>();
    for (const [pc, n] of byPc) {
      const i = symbolIndex(syms, pc);
      const name = i < 0 ? '?' : syms.names[i]!;
      byFn.set(name, (byFn.get(name) ?? 0) + n);
    }
    return { byFn, byPc };
  } finally {
    fs.rmSync(path.dirname(log), { recursive: true, force: true });
  }
}

const HARNESS_FNS = /^(_start|bench_setup|bench_run|bench_nop|harness_|report|rt_target_|memcpy|memset)/;

/** The disassembly of the kernel's hot instructions (run at least once per unit of work), with their counts. */
function annotate(what: string, elf: string, byPc: Map<number, number>): void {
  const asm = execFileSync(CC.replace(/gcc$/, 'objdump'), ['-d', '--no-show-raw-insn', elf], { encoding: 'utf8', maxBuffer: 256 << 20 });
  console.log(`\n${what}: hot instructions (count, address, instruction)`);
  let fn = '';
  let shown = '';
  for (const line of asm.split('\n')) {
    const head = /^[0-9a-f]+ <([^>]+)>:/.exec(line);
    if (head) fn = head[1]!;
    const m = /^\s+([0-9a-f]+):\s+(.*)$/.exec(line);
    if (!m || HARNESS_FNS.test(fn)) continue;
    const n = byPc.get(parseInt(m[1]!, 16)) ?? 0;
    if (n < 1000) continue;
    if (shown !== fn) console.log(`<${(shown = fn)}>`);
    console.log(`${String(n).padStart(9)}  ${m[1]}  ${m[2]!.replace(/\s+/g, ' ')}`);
  }
}

async function main(): Promise<number> {
  const [name, nArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const spec = KERNELS.find((k) => k.name === name && k.call);
  if (!spec) {
    console.error(`usage: trace.ts <kernel> [n]; kernels: ${KERNELS.filter((k) => k.call).map((k) => k.name).join(', ')}`);
    return 2;
  }
  const k = { ...spec, call: { ...spec.call!, n: nArg ? Number(nArg) : Math.max(1, Math.round(spec.call!.n / 10)) } };
  const outDir = path.join(BENCH_DIR, 'out', 'trace');
  const harness = buildHarness(outDir);
  const c = await profile(buildCImage(k, outDir, harness));
  const d = await profile(await buildDialectImage(k, outDir, harness));
  const rows = (p: Map<string, number>) => [...p].sort((a, b) => b[1] - a[1]).slice(0, 12);
  console.log(`${k.name}, n = ${k.call.n}: instructions per function (whole run: set-up + 6 calls)\n`);
  console.log('C'.padEnd(44) + 'dialect');
  const cr = rows(c.byFn);
  const dr = rows(d.byFn);
  for (let i = 0; i < Math.max(cr.length, dr.length); i++) {
    const f = (r?: [string, number]) => (r ? `${String(r[1]).padStart(10)}  ${r[0]}` : '');
    console.log(f(cr[i]).padEnd(44) + f(dr[i]));
  }
  const total = (p: Map<string, number>) => [...p.values()].reduce((a, b) => a + b, 0);
  console.log(`${String(total(c.byFn)).padStart(10)}  total`.padEnd(44) + `${String(total(d.byFn)).padStart(10)}  total`);
  if (process.argv.includes('--asm')) {
    annotate('C', path.join(outDir, k.name, `${k.name}.c.elf`), c.byPc);
    annotate('dialect', path.join(outDir, k.name, `${k.name}.dialect.elf`), d.byPc);
  }
  return 0;
}

process.exitCode = await main();
