/**
 * Differential-suite generator: turns the op catalogue (ops.ts) into dialect
 * programs, each a `main.ts` that prints one line `<id> <result>` per case,
 * plus a side file `cases.jsonl` with each case's description and the value
 * the generator itself predicts.
 *
 *     npx tsx tools/codegen/test/differential/generate.ts [--seed N] [--chunk-size N] [--out DIR]
 *
 * Deterministic: the same seed and chunk size give byte-identical files.
 * Every op draws from its own PRNG stream (seed x op name), so adding an op
 * does not change the cases of the others.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { I64_MAX, I64_MIN, U64_MAX, isSafe } from './oracle';
import { LOCALS, OPS, STRINGS, UNCHECKED, type Expectation, type OpDef, type Operand, type TableKind } from './ops';
import { Rng } from './prng';

export const DEFAULT_SEED = 0x5eed_2026;
/**
 * Cases per program, at most. Lowering costs about 1 s per program plus
 * 0.2 s per 1,000 cases per target, gcc a fraction of that: 10,000 keeps the
 * fixed cost low while still giving two build workers ~20 programs to share.
 */
export const DEFAULT_CHUNK_SIZE = 10_000;
export const DEFAULT_OUT = join(dirname(fileURLToPath(import.meta.url)), '.out');
/** Scratch buffer size for memory ops (ops.ts uses offsets below 64). */
const SCRATCH_BYTES = 64;

export interface GenCase {
  args: Operand[];
  expect: string | typeof UNCHECKED;
}

export interface OpCases {
  op: OpDef;
  cases: GenCase[];
}

export interface Segment {
  op: OpDef;
  firstId: number;
  cases: GenCase[];
}

export interface Chunk {
  index: number;
  name: string;
  firstId: number;
  count: number;
  segments: Segment[];
}

/** One line of cases.jsonl. `expect` is null where the generator makes no prediction. */
export interface CaseRecord {
  id: number;
  case: string;
  expect: string | null;
}

export interface ManifestChunk {
  name: string;
  entry: string;
  cases: string;
  firstId: number;
  count: number;
  ops: string[];
}

export interface Manifest {
  seed: number;
  chunkSize: number;
  total: number;
  perOp: Record<string, number>;
  chunks: ManifestChunk[];
}

function hashName(s: string): number {
  // FNV-1a, 32-bit
  let h = 0x811c9dc5;
  for (const ch of new TextEncoder().encode(s)) h = Math.imul(h ^ ch, 0x01000193);
  return h >>> 0;
}

/** All cases of one op: its edge tuples in the domain, then `randomCount` random ones. */
export function casesFor(op: OpDef, seed: number): GenCase[] {
  const out: GenCase[] = [];
  const accept = (args: Operand[]): boolean => {
    const e: Expectation = op.expect(args);
    if (e === undefined) return false;
    checkOperands(op, args);
    out.push({ args, expect: e });
    return true;
  };
  for (const args of op.edges()) accept(args);
  const rng = new Rng((seed ^ hashName(op.name)) | 0);
  let kept = 0;
  for (let tries = 0; kept < op.randomCount; tries++) {
    if (tries > op.randomCount * 50 + 1000) throw new Error(`${op.name}: random draws keep leaving the domain`);
    if (accept(op.random(rng))) kept++;
  }
  return out;
}

function checkOperands(op: OpDef, args: readonly Operand[]): void {
  if (args.length !== op.kinds.length) throw new Error(`${op.name}: ${args.length} operands for ${op.kinds.length} kinds`);
  args.forEach((x, j) => {
    const kind = op.kinds[j];
    const ok =
      kind === 'str'
        ? typeof x === 'string' && STRINGS.includes(x)
        : typeof x === 'bigint' &&
          (kind === 'num' ? isSafe(x) : kind === 'u64' ? x >= 0n && x <= U64_MAX : x >= I64_MIN && x <= I64_MAX);
    if (!ok) throw new Error(`${op.name}: operand ${j} (${String(x)}) is not a valid ${kind}`);
  });
}

export function buildCases(seed: number = DEFAULT_SEED): OpCases[] {
  return OPS.map((op) => ({ op, cases: casesFor(op, seed) }));
}

/** Pack the ops' cases, in catalogue order, into equal chunks of at most `chunkSize` cases. */
export function planChunks(all: readonly OpCases[], maxChunk: number = DEFAULT_CHUNK_SIZE): Chunk[] {
  const total = all.reduce((n, o) => n + o.cases.length, 0);
  const chunkSize = Math.ceil(total / Math.max(1, Math.ceil(total / maxChunk)));
  const chunks: Chunk[] = [];
  let id = 0;
  let cur: Chunk | undefined;
  for (const { op, cases } of all) {
    let at = 0;
    while (at < cases.length) {
      if (cur === undefined || cur.count === chunkSize) {
        cur = { index: chunks.length, name: `chunk-${String(chunks.length).padStart(3, '0')}`, firstId: id, count: 0, segments: [] };
        chunks.push(cur);
      }
      const n = Math.min(chunkSize - cur.count, cases.length - at);
      cur.segments.push({ op, firstId: id, cases: cases.slice(at, at + n) });
      cur.count += n;
      id += n;
      at += n;
    }
  }
  return chunks;
}

// ---------------------------------------------------------------------------
// rendering

const TABLE_TYPE: Record<TableKind, string> = {
  num: 'readonly number[]',
  u64: 'readonly u64[]',
  i64: 'readonly i64[]',
  str: 'readonly number[]', // indices for the string selector
};

/** The selector that turns a string operand's table entry (an index into STRINGS) into the string. */
const STR_SELECTOR = 'selectString';

function renderSelector(): string {
  return [
    `/** Operand strings by index (the dialect has no string tables). */`,
    `function ${STR_SELECTOR}(k: number): string {`,
    '  switch (k) {',
    ...STRINGS.map((str, k) => `    case ${k}:
      return ${JSON.stringify(str)};`),
    '  }',
    "  return '';",
    '}',
    '',
  ].join('\n');
}

function literal(kind: TableKind, x: Operand): string {
  if (kind === 'str') return String(STRINGS.indexOf(x as string));
  if (typeof x !== 'bigint') throw new TypeError(`non-bigint operand ${String(x)}`);
  return kind === 'num' ? x.toString() : `${kind}(${x}n)`;
}

function renderTable(name: string, kind: TableKind, values: readonly Operand[]): string {
  const perLine = kind === 'num' || kind === 'str' ? 12 : 4;
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += perLine) {
    lines.push('  ' + values.slice(i, i + perLine).map((x) => literal(kind, x)).join(', ') + ',');
  }
  return `const ${name}: ${TABLE_TYPE[kind]} = [\n${lines.join('\n')}\n];\n`;
}

/** Human-readable operand: decimal, with hex for large integers. */
export function showOperand(x: Operand): string {
  if (typeof x === 'string') return JSON.stringify(x);
  const mag = x < 0n ? -x : x;
  if (mag < 0x10000n) return x.toString();
  return `${x} (${x < 0n ? '-' : ''}0x${mag.toString(16)})`;
}

export function describe(op: OpDef, args: readonly Operand[]): string {
  return `${op.name}(${args.map(showOperand).join(', ')})`;
}

function indent(lines: readonly string[], by: string): string {
  return lines.map((l) => by + l).join('\n');
}

/** The dialect program for one chunk. */
export function renderProgram(chunk: Chunk, seed: number): string {
  const uses = new Set<string>(['kprint']);
  let strings = false;
  for (const s of chunk.segments) {
    for (const u of s.op.uses) uses.add(u);
    for (const k of s.op.kinds) {
      if (k === 'u64' || k === 'i64') uses.add(k);
      if (k === 'str') strings = true;
    }
    if (s.op.mem) {
      uses.add('allocBytes');
      uses.add('freeBytes');
    }
  }
  const out: string[] = [];
  out.push(
    `// Generated by tools/codegen/test/differential/generate.ts (seed ${seed}); do not edit.`,
    `// ${chunk.name}: cases ${chunk.firstId}..${chunk.firstId + chunk.count - 1}, one line "<id> <result>" each.`,
    `import { ${[...uses].sort().join(', ')} } from '@unishyper/rt';`,
    '',
  );
  if (strings) out.push(renderSelector());
  const fnNames: string[] = [];
  chunk.segments.forEach((seg, si) => {
    const { op } = seg;
    const tables = op.kinds.map((kind, j) => {
      const name = `T${si}_${j}`;
      out.push(renderTable(name, kind, seg.cases.map((c) => c.args[j]!)));
      return name;
    });
    const locals = op.kinds.map((_, j) => LOCALS[j]!);
    const body = [
      ...locals.map((l, j) =>
        op.kinds[j] === 'str' ? `const ${l} = ${STR_SELECTOR}(${tables[j]}[i]);` : `const ${l} = ${tables[j]}[i];`,
      ),
      ...(op.pre?.(locals) ?? []),
      `kprint\`\${${seg.firstId} + i} ${op.print(locals)}\\n\`;`,
    ];
    const fn = `s${si}`;
    fnNames.push(fn);
    out.push(
      `/** ${op.name}: ${seg.cases.length} cases from id ${seg.firstId}. */`,
      `function ${fn}(): void {`,
      ...(op.mem ? [`  const base = allocBytes(${SCRATCH_BYTES}, 8);`] : []),
      `  for (let i = 0; i < ${seg.cases.length}; i = i + 1) {`,
      indent(body, '    '),
      '  }',
      ...(op.mem ? ['  freeBytes(base);'] : []),
      '}',
      '',
    );
  });
  out.push('export function main(): void {', indent(fnNames.map((f) => `${f}();`), '  '), '}', '');
  return out.join('\n');
}

export function caseRecords(chunk: Chunk): CaseRecord[] {
  const recs: CaseRecord[] = [];
  for (const seg of chunk.segments) {
    seg.cases.forEach((c, i) => {
      recs.push({
        id: seg.firstId + i,
        case: describe(seg.op, c.args),
        expect: c.expect === UNCHECKED ? null : c.expect,
      });
    });
  }
  return recs;
}

export interface GenerateOptions {
  seed?: number;
  chunkSize?: number;
  outDir?: string;
}

/** Generate the whole suite into `outDir` (its chunk directories are replaced). */
export function generate(options: GenerateOptions = {}): Manifest {
  const seed = options.seed ?? DEFAULT_SEED;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const outDir = resolve(options.outDir ?? DEFAULT_OUT);
  const all = buildCases(seed);
  const chunks = planChunks(all, chunkSize);

  mkdirSync(outDir, { recursive: true });
  for (const d of readdirSync(outDir)) if (d.startsWith('chunk-')) rmSync(join(outDir, d), { recursive: true, force: true });

  const manifest: Manifest = {
    seed,
    chunkSize,
    total: all.reduce((n, o) => n + o.cases.length, 0),
    perOp: Object.fromEntries(all.map((o) => [o.op.name, o.cases.length])),
    chunks: [],
  };
  for (const chunk of chunks) {
    const dir = join(outDir, chunk.name);
    mkdirSync(dir, { recursive: true });
    const entry = join(dir, 'main.ts');
    const casesFile = join(dir, 'cases.jsonl');
    writeFileSync(entry, renderProgram(chunk, seed));
    writeFileSync(casesFile, caseRecords(chunk).map((r) => JSON.stringify(r)).join('\n') + '\n');
    manifest.chunks.push({
      name: chunk.name,
      entry,
      cases: casesFile,
      firstId: chunk.firstId,
      count: chunk.count,
      ops: [...new Set(chunk.segments.map((s) => s.op.name))],
    });
  }
  // For `tsc -p .out`: the programs must type-check as dialect code.
  writeFileSync(
    join(outDir, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022', 'ESNext.Disposable'],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        include: ['chunk-*/main.ts'],
      },
      null,
      2,
    ) + '\n',
  );
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

function parseArgs(argv: readonly string[]): GenerateOptions {
  const opts: GenerateOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--seed') opts.seed = Number(next());
    else if (a === '--chunk-size') opts.chunkSize = Number(next());
    else if (a === '--out') opts.outDir = next();
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const m = generate(parseArgs(process.argv.slice(2)));
  const ms = Math.round(performance.now() - t0);
  for (const [op, n] of Object.entries(m.perOp)) process.stdout.write(`${op.padEnd(24)} ${n}\n`);
  process.stdout.write(`${m.total} cases in ${m.chunks.length} programs (seed ${m.seed}), generated in ${ms} ms\n`);
}
