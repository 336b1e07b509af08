/**
 * The operator and intrinsic catalogue of the differential suite.
 *
 * Each `OpDef` says how one operation is written in the dialect (statements
 * and a kprint template over operand locals `a`, `b`, ...), how the generator
 * predicts what it prints (oracle.ts, exact BigInt), and where its operands
 * come from (edge cross products plus seeded random draws). Operands always
 * reach the operation through module-level tables indexed in a loop, so the
 * native build computes on runtime values, never on folded constants.
 */
import * as O from './oracle';
import type { Rng } from './prng';
import * as V from './values';

/**
 * How an operand reaches the program: `num` a `readonly number[]` table,
 * `u64`/`i64` a `readonly u64[]`/`readonly i64[]` table (elements `u64(5n)`),
 * `str` an index into the program's string selector (the dialect has no
 * string tables).
 */
export type TableKind = 'num' | 'u64' | 'i64' | 'str';
export type Operand = bigint | string;

/** Marks an expected value the generator does not predict (Node and native must still agree). */
export const UNCHECKED: unique symbol = Symbol('unchecked');
export type Expectation = string | undefined | typeof UNCHECKED;

export interface OpDef {
  /** Unique name, e.g. `num.add`, `u64.shl`, `divu32`. */
  readonly name: string;
  /** rt exports the emitted code uses (kprint is always imported). */
  readonly uses: readonly string[];
  /** Table kind of each operand; operand j is the local named LOCALS[j], already of that type. */
  readonly kinds: readonly TableKind[];
  /** Statements before the print; `base` is a 64-byte scratch buffer when `mem` is set. */
  readonly pre?: (v: readonly string[]) => string[];
  /** kprint template text after `${id} ` (may contain `${...}`). */
  readonly print: (v: readonly string[]) => string;
  /** What is printed after the id; undefined = outside the domain (case dropped). */
  readonly expect: (x: readonly Operand[]) => Expectation;
  /** Edge operand tuples (cross products of edge sets). */
  readonly edges: () => Operand[][];
  /** One random operand tuple (rejected if `expect` gives undefined). */
  readonly random: (rng: Rng) => Operand[];
  /** How many random cases to keep. */
  readonly randomCount: number;
  readonly mem?: boolean;
}

export const LOCALS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;

// ---------------------------------------------------------------------------
// helpers

const big = (x: Operand): bigint => {
  if (typeof x !== 'bigint') throw new TypeError(`expected a bigint operand, got ${JSON.stringify(x)}`);
  return x;
};
const str = (x: Operand): string => {
  if (typeof x !== 'string') throw new TypeError(`expected a string operand, got ${String(x)}`);
  return x;
};

function cross(...sets: (readonly Operand[])[]): Operand[][] {
  let out: Operand[][] = [[]];
  for (const s of sets) {
    const next: Operand[][] = [];
    for (const prefix of out) for (const x of s) next.push([...prefix, x]);
    out = next;
  }
  return out;
}

/** A `number` result: printed in decimal, and must stay a safe integer. */
const numOut = (x: bigint): Expectation => (O.isSafe(x) ? x.toString() : undefined);
const dec = (x: bigint): string => x.toString();
const hexOut = (x: bigint): Expectation => (x < 0n && !O.HEX_NEGATIVE_CHECKED ? UNCHECKED : O.fmtHex(x));

const ops: OpDef[] = [];
const add = (op: OpDef): void => {
  ops.push(op);
};

// ---------------------------------------------------------------------------
// `number` operators

type Bin = (a: bigint, b: bigint) => Expectation;

function numBinary(name: string, template: string, f: Bin, opts: { b?: readonly bigint[]; random?: number } = {}): void {
  const bEdges = opts.b ?? V.NUM_EDGES;
  const usesShift = opts.b === V.SHIFT_COUNTS;
  add({
    name: `num.${name}`,
    uses: [],
    kinds: ['num', 'num'],
    print: (v) => template.replace('A', v[0]!).replace('B', v[1]!),
    expect: ([a, b]) => f(big(a!), big(b!)),
    edges: () => cross(V.NUM_EDGES, bEdges),
    random: (rng) => [V.randNum(rng), usesShift ? BigInt(rng.int(-100, 100)) : V.randNum(rng)],
    randomCount: opts.random ?? 600,
  });
}

numBinary('add', '${A + B}', (a, b) => numOut(a + b));
numBinary('sub', '${A - B}', (a, b) => numOut(a - b));
numBinary('mul', '${A * B}', (a, b) => numOut(a * b), { random: 1500 });
numBinary('rem', '${A % B}', (a, b) => (b === 0n ? undefined : numOut(O.truncRem(a, b))));
numBinary('lt', '${A < B}', (a, b) => O.fmtBool(a < b), { random: 300 });
numBinary('le', '${A <= B}', (a, b) => O.fmtBool(a <= b), { random: 300 });
numBinary('gt', '${A > B}', (a, b) => O.fmtBool(a > b), { random: 300 });
numBinary('ge', '${A >= B}', (a, b) => O.fmtBool(a >= b), { random: 300 });
numBinary('eq', '${A === B}', (a, b) => O.fmtBool(a === b), { random: 300 });
numBinary('ne', '${A !== B}', (a, b) => O.fmtBool(a !== b), { random: 300 });
numBinary('and', '${A & B}', (a, b) => dec(O.toInt32(a) & O.toInt32(b)));
numBinary('or', '${A | B}', (a, b) => dec(O.toInt32(a) | O.toInt32(b)));
numBinary('xor', '${A ^ B}', (a, b) => dec(O.toInt32(a) ^ O.toInt32(b)));
numBinary('shl', '${A << B}', (a, b) => dec(O.toInt32(O.toInt32(a) << O.shiftCount32(b))), { b: V.SHIFT_COUNTS });
numBinary('sar', '${A >> B}', (a, b) => dec(O.toInt32(a) >> O.shiftCount32(b)), { b: V.SHIFT_COUNTS });
numBinary('shr', '${A >>> B}', (a, b) => dec(O.toUint32(a) >> O.shiftCount32(b)), { b: V.SHIFT_COUNTS });

function numUnary(name: string, uses: string[], template: string, f: (a: bigint) => Expectation, random = 1000): void {
  add({
    name,
    uses,
    kinds: ['num'],
    print: (v) => template.replace(/A/g, v[0]!),
    expect: ([a]) => f(big(a!)),
    edges: () => cross(V.NUM_EDGES),
    random: (rng) => [V.randNum(rng)],
    randomCount: random,
  });
}

numUnary('num.neg', [], '${-A}', (a) => numOut(-a), 200);
numUnary('num.not', [], '${~A}', (a) => dec(~O.toInt32(a)));
numUnary('fmt.num', [], '${A}', (a) => dec(a), 300);

// ---------------------------------------------------------------------------
// conversions

const NARROW: readonly [string, number, boolean][] = [
  ['u8', 8, false],
  ['u16', 16, false],
  ['u32', 32, false],
  ['i8', 8, true],
  ['i16', 16, true],
  ['i32', 32, true],
];

for (const [t, bits, signed] of NARROW) {
  numUnary(`conv.${t}`, [t], `\${${t}(A)}`, (a) => dec(signed ? O.wrapI(bits, a) : O.wrapU(bits, a)), 1500);
}
numUnary('conv.u64.num', ['u64'], '${u64(A)}', (a) => dec(O.wrapU(64, a)), 1000);
numUnary('conv.i64.num', ['i64'], '${i64(A)}', (a) => dec(O.wrapI(64, a)), 1000);

function bigUnary(
  name: string,
  kind: 'u64' | 'i64',
  uses: string[],
  template: string,
  f: (a: bigint) => Expectation,
  edges: readonly bigint[],
  random: (rng: Rng) => bigint,
  randomCount = 500,
): void {
  add({
    name,
    uses,
    kinds: [kind],
    print: (v) => template.replace(/A/g, v[0]!),
    expect: ([a]) => f(big(a!)),
    edges: () => cross(edges),
    random: (rng) => [random(rng)],
    randomCount,
  });
}

// Both directions across the sign boundary: i64 values into u64(), u64 values into i64(),
// and number -> one 64-bit type -> the other.
bigUnary('conv.u64.big', 'i64', ['u64'], '${u64(A)}', (a) => dec(O.wrapU(64, a)), V.I64_EDGES, V.randI64);
bigUnary('conv.i64.big', 'u64', ['i64'], '${i64(A)}', (a) => dec(O.wrapI(64, a)), V.U64_EDGES, V.randU64);
numUnary('conv.u64.i64.num', ['u64', 'i64'], '${u64(i64(A))}', (a) => dec(O.wrapU(64, a)), 200);
numUnary('conv.i64.u64.num', ['u64', 'i64'], '${i64(u64(A))}', (a) => dec(O.wrapI(64, a)), 200);

const inSafe = (x: bigint): boolean => O.isSafe(x);
const safeEdgesU = V.U64_EDGES.filter(inSafe).concat([O.SAFE_MAX, O.SAFE_MAX - 1n]);
const safeEdgesI = V.I64_EDGES.filter(inSafe).concat([O.SAFE_MIN, O.SAFE_MIN + 1n]);
bigUnary('num.u64', 'u64', ['num'], '${num(A)}', (a) => (inSafe(a) ? dec(a) : undefined), safeEdgesU, (r) =>
  r.logUniform(53),
);
bigUnary('num.i64', 'i64', ['num'], '${num(A)}', (a) => (inSafe(a) ? dec(a) : undefined), safeEdgesI, (r) => {
  const m = r.logUniform(53);
  return r.bool() ? -m : m;
});

// ---------------------------------------------------------------------------
// u64 / i64 bigint operators, wrapped

for (const t of ['u64', 'i64'] as const) {
  const wrap = (x: bigint): bigint => (t === 'u64' ? O.wrapU(64, x) : O.wrapI(64, x));
  const edges = t === 'u64' ? V.U64_EDGES : V.I64_EDGES;
  const rand = t === 'u64' ? V.randU64 : V.randI64;
  const pre = (v: readonly string[]): string[] => [`const x = ${v[0]};`, `const y = ${v[1]};`];
  const bin = (name: string, expr: string, f: (x: bigint, y: bigint) => Expectation, randomCount = 500): void =>
    add({
      name: `${t}.${name}`,
      uses: [t],
      kinds: [t, t],
      pre,
      print: () => `\${${expr}}`,
      expect: ([a, b]) => f(big(a!), big(b!)),
      edges: () => cross(edges, edges),
      random: (rng) => [rand(rng), rand(rng)],
      randomCount,
    });
  bin('add', `${t}(x + y)`, (x, y) => dec(wrap(x + y)));
  bin('sub', `${t}(x - y)`, (x, y) => dec(wrap(x - y)));
  bin('mul', `${t}(x * y)`, (x, y) => dec(wrap(x * y)));
  bin('and', `${t}(x & y)`, (x, y) => dec(wrap(x & y)));
  bin('or', `${t}(x | y)`, (x, y) => dec(wrap(x | y)));
  bin('xor', `${t}(x ^ y)`, (x, y) => dec(wrap(x ^ y)));
  bin('lt', 'x < y', (x, y) => O.fmtBool(x < y), 200);
  bin('le', 'x <= y', (x, y) => O.fmtBool(x <= y), 200);
  bin('gt', 'x > y', (x, y) => O.fmtBool(x > y), 200);
  bin('ge', 'x >= y', (x, y) => O.fmtBool(x >= y), 200);
  bin('eq', 'x === y', (x, y) => O.fmtBool(x === y), 200);
  bin('ne', 'x !== y', (x, y) => O.fmtBool(x !== y), 200);
  bigUnary(`${t}.neg`, t, [t], `\${${t}(-A)}`, (x) => dec(wrap(-x)), edges, rand, 200);
  bigUnary(`${t}.not`, t, [t], `\${${t}(~A)}`, (x) => dec(wrap(~x)), edges, rand, 200);
  bigUnary(`fmt.${t}`, t, [t], '${A}', (x) => dec(x), edges, rand, 200);
  bigUnary(`fmt.hex.${t}`, t, ['hex'], '${hex(A)}', (x) => hexOut(x), edges, rand, 300);
  // bigint shifts are exact in JS: a count of 64..70 shifts everything out (or fills with the sign).
  const shift = (name: string, expr: string, f: (x: bigint, c: bigint) => bigint): void =>
    add({
      name: `${t}.${name}`,
      uses: [t],
      kinds: [t, 'u64'],
      pre: (v) => [`const x = ${v[0]};`, `const c = ${v[1]};`],
      print: () => `\${${expr}}`,
      expect: ([a, c]) => dec(f(big(a!), big(c!))),
      edges: () => cross(edges, V.BIG_SHIFT_COUNTS),
      random: (rng) => [rand(rng), BigInt(rng.int(0, 70))],
      randomCount: 400,
    });
  shift('shl', `${t}(x << c)`, (x, c) => wrap(x << c));
  shift('shr', `${t}(x >> c)`, (x, c) => wrap(x >> c));
}

// ---------------------------------------------------------------------------
// arithmetic intrinsics

function intrinsic2(
  name: string,
  uses: string[],
  template: string,
  kinds: readonly TableKind[],
  edgesA: readonly bigint[],
  edgesB: readonly bigint[],
  randA: (rng: Rng) => bigint,
  randB: (rng: Rng) => bigint,
  f: (a: bigint, b: bigint) => Expectation,
  randomCount = 800,
): void {
  add({
    name,
    uses,
    kinds,
    print: (v) => template.replace(/A/g, v[0]!).replace(/B/g, v[1]!),
    expect: ([a, b]) => f(big(a!), big(b!)),
    edges: () => cross(edgesA, edgesB),
    random: (rng) => [randA(rng), randB(rng)],
    randomCount,
  });
}

const NN = ['num', 'num'] as const;
const randU32 = (r: Rng): bigint => V.randTyped(r, 32, false);
const randI32 = (r: Rng): bigint => V.randTyped(r, 32, true);
const randCount = (r: Rng): bigint => BigInt(r.int(-80, 80));

intrinsic2('mul32', ['mul32'], '${mul32(A, B)}', NN, V.NUM_EDGES, V.NUM_EDGES, V.randNum, V.randNum, (a, b) =>
  dec(O.wrapI(32, O.toInt32(a) * O.toInt32(b))),
);
intrinsic2('mulu32', ['mulu32'], '${mulu32(A, B)}', NN, V.NUM_EDGES, V.NUM_EDGES, V.randNum, V.randNum, (a, b) =>
  dec(O.wrapU(32, O.toInt32(a) * O.toInt32(b))),
);

/**
 * idiv near 2^53: a = k*b - 1 with k*b as close to 2^53 as it gets, where
 * the quotient k - 1/b is closest to rounding up to k in double precision
 * (an implementation through `a / b` must still truncate to k - 1).
 */
function idivAdversarial(): Operand[][] {
  const out: Operand[][] = [];
  for (const b of [2n, 3n, 7n, 255n, 65537n, (1n << 26n) + 1n, (1n << 27n) - 1n, 94906265n, (1n << 40n) + 3n, (1n << 52n) + 1n]) {
    const k = (1n << 53n) / b;
    for (const a of [k * b - 1n, k * b - 2n, (k - 1n) * b + 1n, (k - 1n) * b - 1n]) {
      if (!O.isSafe(a) || a <= 0n) continue;
      out.push([a, b], [-a, b], [a, -b], [-a, -b]);
    }
  }
  return out;
}

add({
  name: 'idiv',
  uses: ['idiv'],
  kinds: NN,
  print: (v) => `\${idiv(${v[0]}, ${v[1]})}`,
  expect: ([a, b]) => (big(b!) === 0n ? undefined : dec(O.truncDiv(big(a!), big(b!)))),
  edges: () => [...cross(V.NUM_EDGES, V.NUM_EDGES), ...idivAdversarial()],
  random: (rng) => [V.randNum(rng), V.randNum(rng)],
  randomCount: 1500,
});

const nz = (f: (a: bigint, b: bigint) => bigint) => (a: bigint, b: bigint): Expectation =>
  b === 0n ? undefined : dec(f(a, b));

for (const [name, f] of [
  ['divu32', nz((a, b) => a / b)],
  ['remu32', nz((a, b) => a % b)],
] as const) {
  intrinsic2(name, [name, 'u32'], `\${${name}(u32(A), u32(B))}`, NN, V.U32_EDGES, V.U32_EDGES, randU32, randU32, f);
}
for (const [name, f] of [
  ['divi32', nz((a, b) => O.wrapI(32, a / b))],
  ['remi32', nz((a, b) => a % b)],
] as const) {
  intrinsic2(name, [name, 'i32'], `\${${name}(i32(A), i32(B))}`, NN, V.I32_EDGES, V.I32_EDGES, randI32, randI32, f);
}
for (const [name, f] of [
  ['divu64', nz((a, b) => a / b)],
  ['remu64', nz((a, b) => a % b)],
] as const) {
  intrinsic2(name, [name], `\${${name}(A, B)}`, ['u64', 'u64'], V.U64_EDGES, V.U64_EDGES, V.randU64, V.randU64, f);
}
for (const [name, f] of [
  ['divi64', nz((a, b) => O.wrapI(64, a / b))],
  ['remi64', nz((a, b) => a % b)],
] as const) {
  intrinsic2(name, [name], `\${${name}(A, B)}`, ['i64', 'i64'], V.I64_EDGES, V.I64_EDGES, V.randI64, V.randI64, f);
}

intrinsic2('shl64', ['shl64'], '${shl64(A, B)}', ['u64', 'num'], V.U64_EDGES, V.SHIFT_COUNTS, V.randU64, randCount, (a, n) =>
  dec(O.wrapU(64, a << (n & 63n))),
);
intrinsic2('shr64', ['shr64'], '${shr64(A, B)}', ['u64', 'num'], V.U64_EDGES, V.SHIFT_COUNTS, V.randU64, randCount, (a, n) =>
  dec(a >> (n & 63n)),
);
intrinsic2('sar64', ['sar64'], '${sar64(A, B)}', ['i64', 'num'], V.I64_EDGES, V.SHIFT_COUNTS, V.randI64, randCount, (a, n) =>
  dec(a >> (n & 63n)),
);
intrinsic2('rotl32', ['rotl32'], '${rotl32(A, B)}', NN, V.NUM_EDGES, V.SHIFT_COUNTS, V.randNum, randCount, (a, n) =>
  dec(O.rotl32(a, n)),
);
intrinsic2('rotr32', ['rotr32'], '${rotr32(A, B)}', NN, V.NUM_EDGES, V.SHIFT_COUNTS, V.randNum, randCount, (a, n) =>
  dec(O.rotr32(a, n)),
);

numUnary('clz32', ['clz32'], '${clz32(A)}', (a) => dec(O.clz32(a)));
numUnary('ctz32', ['ctz32'], '${ctz32(A)}', (a) => dec(O.ctz32(a)));
numUnary('popcnt32', ['popcnt32'], '${popcnt32(A)}', (a) => dec(O.popcnt32(a)));
numUnary('bswap16', ['bswap16'], '${bswap16(A)}', (a) => dec(O.bswap(2, a)));
numUnary('bswap32', ['bswap32'], '${bswap32(A)}', (a) => dec(O.bswap(4, a)));
bigUnary('bswap64', 'u64', ['bswap64'], '${bswap64(A)}', (a) => dec(O.bswap(8, a)), V.U64_EDGES, V.randU64, 1000);

// ---------------------------------------------------------------------------
// arithmetic on fixed-width `number` types: the brand is dropped, the result
// is the exact JS value (no C integer promotion or overflow may leak through)

for (const [t, bits, signed] of NARROW) {
  const edges = V.typedEdges(bits, signed);
  const rand = (r: Rng): bigint => V.randTyped(r, bits, signed);
  const wrap = (x: bigint): bigint => (signed ? O.wrapI(bits, x) : O.wrapU(bits, x));
  const pre = (v: readonly string[]): string[] => [`const x = ${t}(${v[0]});`, `const y = ${t}(${v[1]});`];
  const bin = (name: string, expr: string, f: (x: bigint, y: bigint) => Expectation, b = edges, randB = rand): void =>
    add({
      name: `${t}.${name}`,
      uses: [t],
      kinds: NN,
      pre: name.startsWith('sh') || name === 'sar' ? (v) => [`const x = ${t}(${v[0]});`, `const y = ${v[1]};`] : pre,
      print: () => `\${${expr}}`,
      expect: ([a, b2]) => f(big(a!), big(b2!)),
      edges: () => cross(edges, b),
      random: (rng) => [rand(rng), randB(rng)],
      randomCount: 300,
    });
  bin('add', 'x + y', (x, y) => dec(x + y));
  bin('sub', 'x - y', (x, y) => dec(x - y));
  bin('wadd', `${t}(x + y)`, (x, y) => dec(wrap(x + y)));
  bin('wsub', `${t}(x - y)`, (x, y) => dec(wrap(x - y)));
  bin('rem', 'x % y', (x, y) => (y === 0n ? undefined : dec(x % y)));
  bin('lt', 'x < y', (x, y) => O.fmtBool(x < y));
  bin('eq', 'x === y', (x, y) => O.fmtBool(x === y));
  if (bits < 32) {
    // u16 * u16 overflows C `int`: the lowering must widen.
    bin('mul', 'x * y', (x, y) => dec(x * y));
    bin('wmul', `${t}(x * y)`, (x, y) => dec(wrap(x * y)));
  }
  bin('and', 'x & y', (x, y) => dec(O.toInt32(x) & O.toInt32(y)));
  bin('or', 'x | y', (x, y) => dec(O.toInt32(x) | O.toInt32(y)));
  bin('xor', 'x ^ y', (x, y) => dec(O.toInt32(x) ^ O.toInt32(y)));
  const cnt = V.SHIFT_COUNTS.filter((n) => n % 3n === 0n || n < 0n || n === 31n || n === 32n);
  bin('shl', 'x << y', (x, n) => dec(O.toInt32(O.toInt32(x) << O.shiftCount32(n))), cnt, randCount);
  bin('sar', 'x >> y', (x, n) => dec(O.toInt32(x) >> O.shiftCount32(n)), cnt, randCount);
  bin('shr', 'x >>> y', (x, n) => dec(O.toUint32(x) >> O.shiftCount32(n)), cnt, randCount);
  add({
    name: `${t}.neg`,
    uses: [t],
    kinds: ['num'],
    pre: (v) => [`const x = ${t}(${v[0]});`],
    print: () => '${-x} ${~x}',
    expect: ([a]) => `${dec(-big(a!))} ${dec(~O.toInt32(big(a!)))}`,
    edges: () => cross(edges),
    random: (rng) => [rand(rng)],
    randomCount: 100,
  });
  bigUnaryNum(`fmt.hex.${t}`, [t, 'hex'], `\${hex(${t}(A))}`, (a) => hexOut(wrap(a)));
}

function bigUnaryNum(name: string, uses: string[], template: string, f: (a: bigint) => Expectation): void {
  numUnary(name, uses, template, f, 300);
}
bigUnaryNum('fmt.hex.num', ['hex'], '${hex(A)}', (a) => hexOut(a));

// ---------------------------------------------------------------------------
// memory: store then load over a 64-byte scratch buffer from allocBytes

const WIDTHS = [1, 2, 4, 8] as const;
const SCRATCH = 24;
const storeFn = (w: number): string => `store${w * 8}`;
const loadFn = (w: number): string => `load${w * 8}`;

/** Stored value: a number (low bits stored), or for store64 a u64 or an i64 (stored mod 2^64). */
const STORES: readonly { sw: number; vk: 'num' | 'u64' | 'i64' }[] = [
  { sw: 1, vk: 'num' },
  { sw: 2, vk: 'num' },
  { sw: 4, vk: 'num' },
  { sw: 8, vk: 'u64' },
  { sw: 8, vk: 'i64' },
];

for (const { sw, vk } of STORES) {
  for (const lw of WIDTHS) {
    // operands: fill byte, stored value, store offset, load offset
    const valueEdges = vk === 'u64' ? V.U64_EDGES : vk === 'i64' ? V.I64_EDGES : V.NUM_EDGES;
    const randValue = vk === 'u64' ? V.randU64 : vk === 'i64' ? V.randI64 : V.randNum;
    const fills = [0n, 0xa5n, 0xffn];
    const offs = [0n, 1n, 3n, 7n];
    add({
      name: `mem.${storeFn(sw)}${vk === 'i64' ? 'i' : ''}.${loadFn(lw)}`,
      uses: ['memset', storeFn(sw), loadFn(lw)],
      kinds: ['num', vk, 'num', 'num'],
      mem: true,
      pre: (v) => [`memset(base, ${v[0]}, ${SCRATCH});`, `${storeFn(sw)}(base + ${v[2]}, ${v[1]});`],
      print: (v) => `\${${loadFn(lw)}(base + ${v[3]})}`,
      expect: ([fill, val, off, off2]) => {
        const o = Number(big(off!));
        const o2 = Number(big(off2!));
        if (o < 0 || o + sw > SCRATCH || o2 < 0 || o2 + lw > SCRATCH) return undefined;
        const mem = new Array<number>(SCRATCH).fill(Number(O.wrapU(8, big(fill!))));
        O.leBytes(sw, big(val!)).forEach((byte, i) => (mem[o + i] = byte));
        return dec(O.leLoad(mem, o2, lw));
      },
      edges: () => {
        const out: Operand[][] = [];
        let k = 0;
        for (const val of valueEdges) {
          for (const off of offs) {
            // the load at the same place, and loads straddling either end of the store
            for (const off2 of new Set([off, off - BigInt(lw) + 1n, off + BigInt(sw) - 1n, off + 1n])) {
              if (off2 < 0n) continue;
              out.push([fills[k++ % fills.length]!, val, off, off2]);
            }
          }
        }
        return out;
      },
      random: (rng) => {
        const off = BigInt(rng.int(0, 8));
        return [
          BigInt(rng.int(0, 255)),
          randValue(rng),
          off,
          BigInt(rng.int(Math.max(0, Number(off) - lw + 1), Number(off) + sw - 1)),
        ];
      },
      randomCount: 150,
    });
  }
}

const WORDS32 = '${load64(base)} ${load64(base + 8)} ${load64(base + 16)} ${load64(base + 24)}';
const words32 = (mem: readonly number[]): string =>
  [0, 8, 16, 24].map((o) => dec(O.leLoad(mem, o, 8))).join(' ');

// memcpy(base + d, base + 32 + s, len): source and destination never overlap.
add({
  name: 'mem.memcpy',
  uses: ['memset', 'memcpy', 'store64', 'load64'],
  kinds: ['num', 'u64', 'u64', 'u64', 'u64', 'num', 'num', 'num'],
  mem: true,
  pre: (v) => [
    `memset(base, ${v[0]}, 64);`,
    `store64(base + 32, ${v[1]});`,
    `store64(base + 40, ${v[2]});`,
    `store64(base + 48, ${v[3]});`,
    `store64(base + 56, ${v[4]});`,
    `memcpy(base + ${v[5]}, base + 32 + ${v[6]}, ${v[7]});`,
  ],
  print: () => WORDS32,
  expect: (x) => {
    const [fill, p0, p1, p2, p3, d, s, len] = x.map(big);
    if (d! < 0n || s! < 0n || len! < 0n || d! + len! > 32n || s! + len! > 32n) return undefined;
    const mem = new Array<number>(64).fill(Number(O.wrapU(8, fill!)));
    [p0!, p1!, p2!, p3!].forEach((pv, k) => O.leBytes(8, pv).forEach((byte, i) => (mem[32 + 8 * k + i] = byte)));
    for (let i = 0; i < Number(len); i++) mem[Number(d) + i] = mem[32 + Number(s) + i]!;
    return words32(mem);
  },
  edges: () => {
    const out: Operand[][] = [];
    const pats = [0x0807060504030201n, 0x100f0e0d0c0b0a09n, 0x1817161514131211n, 0x201f1e1d1c1b1a19n];
    for (const len of [0n, 1n, 2n, 3n, 4n, 7n, 8n, 9n, 15n, 16n, 17n, 31n, 32n])
      for (const d of [0n, 1n, 5n, 8n, 16n])
        for (const s of [0n, 3n, 8n, 13n]) out.push([0xeen, ...pats, d, s, len]);
    return out;
  },
  random: (rng) => {
    const len = rng.int(0, 32);
    return [
      BigInt(rng.int(0, 255)),
      V.randU64(rng),
      V.randU64(rng),
      V.randU64(rng),
      V.randU64(rng),
      BigInt(rng.int(0, 32 - len)),
      BigInt(rng.int(0, 32 - len)),
      BigInt(len),
    ];
  },
  randomCount: 600,
});

// memset(base + o, byte, len) over a pre-filled 32-byte window.
add({
  name: 'mem.memset',
  uses: ['memset', 'load64'],
  kinds: ['num', 'num', 'num', 'num'],
  mem: true,
  pre: (v) => [`memset(base, ${v[0]}, 32);`, `memset(base + ${v[1]}, ${v[2]}, ${v[3]});`],
  print: () => WORDS32,
  expect: (x) => {
    const [fill, o, byte, len] = x.map(big);
    if (o! < 0n || len! < 0n || o! + len! > 32n) return undefined;
    const mem = new Array<number>(32).fill(Number(O.wrapU(8, fill!)));
    for (let i = 0; i < Number(len); i++) mem[Number(o) + i] = Number(O.wrapU(8, byte!));
    return words32(mem);
  },
  edges: () =>
    cross([0x11n], [0n, 1n, 7n, 8n, 13n], [0n, 1n, 0x7fn, 0x80n, 0xffn], [0n, 1n, 2n, 7n, 8n, 9n, 16n, 19n]),
  random: (rng) => {
    const len = rng.int(0, 32);
    return [BigInt(rng.int(0, 255)), BigInt(rng.int(0, 32 - len)), BigInt(rng.int(0, 255)), BigInt(len)];
  },
  randomCount: 400,
});

// ---------------------------------------------------------------------------
// strings

export const STRINGS: readonly string[] = [
  '',
  'a',
  'abc',
  'hello, world',
  'héllo',
  'naïve café',
  '日本語',
  'Ελληνικά',
  '€uro',
  '😀',
  'a😀b',
  'tab\there',
  'quote"q\'s',
  'back\\slash',
  '%d%s%n%%',
  '${not} `interp`',
  'nul\u0000byte',
  '\u007f\u0080\u07ff\u0800\uffff',
];
/** Strings safe to print verbatim on one output line. */
const PRINTABLE = STRINGS.filter((s) => !/[\u0000\n\r]/.test(s));

add({
  name: 'str.len',
  uses: ['strLen'],
  kinds: ['str'],
  print: (v) => `\${strLen(${v[0]})}`,
  expect: ([s]) => dec(BigInt(O.utf8(str(s!)).length)),
  edges: () => cross(STRINGS),
  random: (rng) => [rng.pick(STRINGS)],
  randomCount: 0,
});
add({
  name: 'str.byteAt',
  uses: ['strByteAt'],
  kinds: ['str', 'num'],
  print: (v) => `\${strByteAt(${v[0]}, ${v[1]})}`,
  expect: ([s, i]) => {
    const bytes = O.utf8(str(s!));
    const k = Number(big(i!));
    return k >= 0 && k < bytes.length ? dec(BigInt(bytes[k]!)) : undefined;
  },
  edges: () => STRINGS.flatMap((s) => Array.from(O.utf8(s), (_, i) => [s, BigInt(i)] as Operand[])),
  random: (rng) => [rng.pick(STRINGS), BigInt(rng.int(0, 20))],
  randomCount: 0,
});
add({
  name: 'str.eq',
  uses: [],
  kinds: ['str', 'str'],
  print: (v) => `\${${v[0]} === ${v[1]}} \${${v[0]} !== ${v[1]}}`,
  expect: ([s, t]) => `${O.fmtBool(s === t)} ${O.fmtBool(s !== t)}`,
  edges: () => cross(STRINGS, STRINGS),
  random: (rng) => [rng.pick(STRINGS), rng.pick(STRINGS)],
  randomCount: 0,
});
add({
  name: 'fmt.str',
  uses: [],
  kinds: ['str'],
  print: (v) => `[\${${v[0]}}]`,
  expect: ([s]) => `[${str(s!)}]`,
  edges: () => cross(PRINTABLE),
  random: (rng) => [rng.pick(PRINTABLE)],
  randomCount: 0,
});

// Several interpolations of every type in one template, with literal text that
// would go wrong through printf, raw (uncooked) template strings or `${`.
add({
  name: 'fmt.mixed',
  uses: ['hex', 'u8', 'i32', 'u32', 'u64', 'i64'],
  kinds: ['num', 'u64', 'str'],
  pre: (v) => [`const x = ${v[1]};`],
  print: (v) =>
    `<\${${v[0]}}|\${u8(${v[0]})}\${i32(${v[0]})}|\${hex(u32(${v[0]}))}|\${x}|\${i64(x)}|\${hex(x)}|\${${v[0]} < 0}|\${${v[2]}}> ` +
    '%d %s %% \\\\ \\` " \' ü € 😀 {} $ $x \\${x} \\t.',
  expect: ([a, b, s]) => {
    const n = big(a!);
    const x = O.wrapU(64, big(b!));
    return (
      `<${dec(n)}|${dec(O.wrapU(8, n))}${dec(O.wrapI(32, n))}|${O.fmtHex(O.toUint32(n))}|${dec(x)}|` +
      `${dec(O.wrapI(64, x))}|${O.fmtHex(x)}|${O.fmtBool(n < 0n)}|${str(s!)}> ` +
      '%d %s %% \\ ` " \' ü € 😀 {} $ $x ${x} \t.'
    );
  },
  edges: () => V.NUM_EDGES_SMALL.map((n, i) => [n, V.U64_EDGES[i % V.U64_EDGES.length]!, PRINTABLE[i % PRINTABLE.length]!]),
  random: (rng) => [V.randNum(rng), V.randU64(rng), rng.pick(PRINTABLE)],
  randomCount: 200,
});

export const OPS: readonly OpDef[] = ops;

{
  const seen = new Set<string>();
  for (const op of OPS) {
    if (seen.has(op.name)) throw new Error(`duplicate op ${op.name}`);
    seen.add(op.name);
  }
}
