/**
 * Node entry point for one kernel-dialect test program.
 *
 *     npx tsx tools/codegen/src/testing-node-main.ts <entry.ts>
 *
 * (test/harness/node-main.ts runs this too.) `runInNode` starts it in a child
 * process.
 *
 * Imports the entry module and calls its exported `main()`.
 * - `main()` returns a number: that is the exit status; otherwise 0.
 * - A `KernelPanic` (from `@unishyper/rt`), or a plain `Error` thrown by the
 *   program itself (`throw new Error(msg)` is a panic in the dialect), prints
 *   `panic: <message>` on stdout and exits 101, as the native `rt_panic` does.
 * - Any other exception (a TypeError from a runtime bug, a missing export...)
 *   is printed on stderr and exits 102, so it never passes for a panic.
 *
 * kprint output goes to stdout (the rt console under Node).
 */
import { KernelPanic } from '@unishyper/rt';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const EXIT_PANIC = 101;
export const EXIT_HARNESS_ERROR = 102;

function writeOut(s: string): Promise<void> {
  return new Promise((done) => {
    process.stdout.write(s, () => done());
  });
}

function isDialectPanic(e: unknown): e is Error {
  if (e instanceof KernelPanic) return true;
  // `throw new Error(msg)` in kernel code: exactly the Error class, never a
  // subclass (TypeError, RangeError... come from the engine, not the program).
  return e instanceof Error && Object.getPrototypeOf(e) === Error.prototype;
}

async function run(entry: string | undefined): Promise<number> {
  if (entry === undefined) {
    process.stderr.write('usage: node-main.ts <entry.ts>\n');
    return EXIT_HARNESS_ERROR;
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(entry)).href)) as Record<string, unknown>;
  } catch (e) {
    // A panic while initialising module-level state is still a panic.
    if (isDialectPanic(e)) {
      await writeOut(`panic: ${e.message}\n`);
      return EXIT_PANIC;
    }
    process.stderr.write(`cannot load ${entry}: ${String(e instanceof Error ? e.stack : e)}\n`);
    return EXIT_HARNESS_ERROR;
  }
  const main = mod['main'];
  if (typeof main !== 'function') {
    process.stderr.write(`${entry} does not export a function main()\n`);
    return EXIT_HARNESS_ERROR;
  }
  try {
    const result: unknown = main();
    if (typeof result === 'number') return result;
    return 0;
  } catch (e) {
    if (isDialectPanic(e)) {
      await writeOut(`panic: ${e.message}\n`);
      return EXIT_PANIC;
    }
    process.stderr.write(`uncaught exception: ${String(e instanceof Error ? e.stack : e)}\n`);
    return EXIT_HARNESS_ERROR;
  }
}

const status = await run(process.argv[2]);
// Let stdout drain, then exit with the status (process.exitCode keeps pending
// writes; a stray handle left by a program must not keep the process alive).
process.exitCode = status;
process.stdout.write('', () => process.exit(status));
