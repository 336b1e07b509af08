/**
 * The test programs in test/programs/: one folder each, with `main.ts` (and
 * any helper modules it imports), `expected.txt` (exact stdout, including a
 * final `panic: <msg>` line for programs that panic), `expected-exit.txt`
 * when the exit status is not 0, and optionally `node-divergence.txt` when
 * plain JS under Node cannot yet produce the dialect's meaning (the file
 * says why; the native build must still match expected.txt).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROGRAMS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'programs');

export interface TestProgram {
  name: string;
  dir: string;
  entry: string;
  expectedStdout: string;
  expectedExit: number;
  /** Why Node cannot match the expected output yet, or null. */
  nodeDivergence: string | null;
}

export function listPrograms(dir: string = PROGRAMS_DIR): TestProgram[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'main.ts')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const pdir = join(dir, name);
      const exitFile = join(pdir, 'expected-exit.txt');
      const divergenceFile = join(pdir, 'node-divergence.txt');
      return {
        name,
        dir: pdir,
        entry: join(pdir, 'main.ts'),
        expectedStdout: readFileSync(join(pdir, 'expected.txt'), 'utf8'),
        expectedExit: existsSync(exitFile) ? Number(readFileSync(exitFile, 'utf8').trim()) : 0,
        nodeDivergence: existsSync(divergenceFile) ? readFileSync(divergenceFile, 'utf8').trim() : null,
      };
    });
}
