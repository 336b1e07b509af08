// `unishyper build`: the command-line face of the compiler.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildProgram, runNative, type CCompiler, type Target } from './build.js';
import { CompileError, formatDiagnostic } from './diagnostics.js';

const HELP = `unishyper — build TypeScript kernel-dialect programs into AArch64 ELFs

Usage:
  unishyper build <entry.ts> [options]   lower to C, compile and link
  unishyper run <entry.ts> [options]     build, then run (qemu-aarch64 for linux-user)
  unishyper --help                       this text

Options:
  -o, --out-dir <dir>     output directory (default: build/<entry name>)
  -t, --target <target>   linux-user (default; runs under qemu-aarch64) or host-sanitize
                          (x86_64 with -fsanitize=undefined,address)
      --cc <gcc|clang>    C compiler for linux-user (default gcc)
  -q, --quiet             no progress lines

The generated C is kept next to the ELF (<name>.c) as a readable artifact.
Exit status: 0 on success, 1 on compile errors, 2 on bad usage, the program's own
status for 'run'.`;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        'out-dir': { type: 'string', short: 'o' },
        target: { type: 'string', short: 't' },
        cc: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
      },
    });
  } catch (e) {
    process.stderr.write(`unishyper: ${(e as Error).message}\nRun 'unishyper --help' for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [cmd, entry] = positionals;
  if (values.help || !cmd) {
    process.stdout.write(HELP + '\n');
    return values.help ? 0 : 2;
  }
  if (cmd !== 'build' && cmd !== 'run') {
    process.stderr.write(`unishyper: unknown command '${cmd}'. Commands: build, run.\n`);
    return 2;
  }
  if (!entry) {
    process.stderr.write(`unishyper ${cmd}: missing the entry file, e.g. 'unishyper ${cmd} src/main.ts'\n`);
    return 2;
  }
  const target = (values.target ?? 'linux-user') as Target;
  if (target !== 'linux-user' && target !== 'host-sanitize') {
    process.stderr.write(`unishyper: unknown target '${target}' (linux-user or host-sanitize)\n`);
    return 2;
  }
  const cc = (values.cc ?? 'gcc') as CCompiler;
  if (cc !== 'gcc' && cc !== 'clang') {
    process.stderr.write(`unishyper: unknown C compiler '${cc}' (gcc or clang)\n`);
    return 2;
  }
  const outDir = values['out-dir'] ?? path.join('build', path.basename(entry).replace(/\.ts$/, ''));
  const progress = values.quiet ? undefined : (m: string) => process.stderr.write(`[unishyper] ${m}\n`);
  try {
    const r = await buildProgram({ entry, outDir, target, cc, progress });
    progress?.(`wrote ${r.elf} (C: ${r.cFile})`);
    if (cmd === 'build') return 0;
    const out = await runNative(r.elf);
    process.stdout.write(out.stdout);
    process.stderr.write(out.stderr);
    return out.exitCode;
  } catch (e) {
    if (e instanceof CompileError) {
      for (const d of e.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
      process.stderr.write(`unishyper: ${e.diagnostics.length} error(s); nothing was built\n`);
      return 1;
    }
    process.stderr.write(`unishyper: ${(e as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
