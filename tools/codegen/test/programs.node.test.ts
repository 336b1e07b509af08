/**
 * The compiler's test programs (test/programs/, see harness/programs.ts),
 * run under Node: stdout must equal expected.txt and the exit status
 * expected-exit.txt (0 when absent). Node is the reference semantics; the
 * native build of the same programs must print the same.
 *
 * A program with a node-divergence.txt runs as an expected failure, so the
 * suite notices the day Node starts to agree.
 */
import { describe, expect, it } from 'vitest';
import { normalizeOutput, runInNode } from './harness/node-run';
import { listPrograms } from './harness/programs';

const programs = listPrograms();

describe.concurrent('test programs under Node', () => {
  it('finds the programs', () => {
    expect(programs.length).toBeGreaterThanOrEqual(70);
  });

  for (const p of programs) {
    const check = async (): Promise<void> => {
      const r = await runInNode(p.entry);
      expect(r.stderr, 'stderr').toBe('');
      expect(normalizeOutput(r.stdout)).toBe(normalizeOutput(p.expectedStdout));
      expect(r.exitCode, 'exit status').toBe(p.expectedExit);
    };
    if (p.nodeDivergence === null) {
      it(p.name, check, 60_000);
    } else {
      it.fails(`${p.name} (known Node divergence: ${p.nodeDivergence.split('\n')[0]})`, check, 60_000);
    }
  }
});
