/**
 * Line-by-line comparison of one program's outputs (Node, aarch64 under
 * qemu, host sanitizer build) against each other and against the generator's
 * prediction, reporting the first differing cases by their description.
 */
import { readFileSync } from 'node:fs';
import type { CaseRecord } from './generate';

export interface Output {
  /** Where it ran: `node`, `aarch64`, `host-sanitize`. */
  name: string;
  stdout: string;
  exitCode: number;
  stderr?: string;
}

export interface Mismatch {
  /** 0-based output line. */
  line: number;
  id: number | undefined;
  case: string;
  /** The generator's line (undefined where it makes no prediction), then each output's line. */
  lines: Record<string, string | undefined>;
}

export interface Comparison {
  mismatches: Mismatch[];
  /** Number of differing lines (mismatches holds at most `max` of them). */
  count: number;
  problems: string[];
}

export const GENERATOR = 'generator';

export function loadCases(file: string): CaseRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as CaseRecord);
}

function splitLines(s: string): string[] {
  const lines = s.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const SANITIZER = /(runtime error:|AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer)/;

/**
 * Compare outputs with each other and with the generator: every line must be
 * `<id> <expected>`, identical across outputs, every exit status 0 and no
 * sanitizer report on stderr.
 */
export function compareOutputs(records: readonly CaseRecord[], outputs: readonly Output[], max = 10): Comparison {
  const problems: string[] = [];
  const lines = outputs.map((o) => splitLines(o.stdout));
  for (const [k, o] of outputs.entries()) {
    if (o.exitCode !== 0) problems.push(`${o.name}: exit status ${o.exitCode}`);
    if (lines[k]!.length !== records.length) problems.push(`${o.name}: ${lines[k]!.length} lines for ${records.length} cases`);
    const san = o.stderr?.match(SANITIZER);
    if (san) problems.push(`${o.name}: sanitizer report on stderr:\n${excerpt(o.stderr!)}`);
    else if (o.exitCode !== 0 && o.stderr) problems.push(`${o.name} stderr:\n${excerpt(o.stderr)}`);
  }
  const mismatches: Mismatch[] = [];
  let count = 0;
  const n = Math.max(records.length, ...lines.map((l) => l.length));
  for (let i = 0; i < n; i++) {
    const rec = records[i];
    const predicted = rec === undefined ? undefined : rec.expect === null ? undefined : `${rec.id} ${rec.expect}`;
    const got = lines.map((l) => l[i]);
    const reference = predicted ?? got[0];
    const idOk = rec === undefined || got.every((g) => g !== undefined && g.startsWith(`${rec.id} `));
    if (idOk && got.every((g) => g === reference)) continue;
    count++;
    if (mismatches.length < max) {
      const row: Record<string, string | undefined> = { [GENERATOR]: predicted };
      outputs.forEach((o, k) => (row[o.name] = got[k]));
      mismatches.push({ line: i, id: rec?.id, case: rec?.case ?? '(no case: extra output line)', lines: row });
    }
  }
  return { mismatches, count, problems };
}

function excerpt(s: string, maxLines = 20): string {
  const l = s.split('\n');
  return l.slice(0, maxLines).join('\n') + (l.length > maxLines ? `\n... (${l.length - maxLines} more lines)` : '');
}

/** A readable report: what differed, case by case. */
export function formatComparison(program: string, c: Comparison): string {
  const out: string[] = [];
  for (const p of c.problems) out.push(`${program}: ${p}`);
  if (c.count > 0) out.push(`${program}: ${c.count} differing line(s); first ${c.mismatches.length}:`);
  for (const m of c.mismatches) {
    out.push(`  line ${m.line + 1}, id ${m.id ?? '?'}: ${m.case}`);
    const width = Math.max(...Object.keys(m.lines).map((k) => k.length));
    for (const [who, line] of Object.entries(m.lines)) {
      out.push(`    ${who.padEnd(width)}  ${line === undefined ? (who === GENERATOR ? '(no prediction)' : '(missing)') : JSON.stringify(line)}`);
    }
  }
  return out.join('\n');
}

export function isClean(c: Comparison): boolean {
  return c.count === 0 && c.problems.length === 0;
}
