/**
 * CommandRegistry: the shell's commands, kept sorted by name. Packages add
 * theirs with register() (see README: a package exports a function that
 * registers its commands, and the app, which knows its features, calls it),
 * so the registry depends on no package that has commands.
 *
 * execute() runs one line: it splits it into words (argv.ts), finds the
 * command and checks the number of arguments. What it prints when it cannot
 * run the line, and the status it returns:
 *   - a quoting error:               the error                      (2)
 *   - a command that is not here:    command not found: NAME        (127)
 *   - a known command whose package is not in the image:
 *                                    NAME: needs the 'FEATURE' feature (127)
 *   - the wrong number of arguments: usage: USAGE                   (2)
 * It is also the line editor's completer: command names for the first word,
 * then the ArgCompleter registered for the command's ArgKind.
 */
import { FixedArray, Vec, load8, release, strByteAt, strFromBytes, strLen } from '@unishyper/rt';
import { Argv } from './argv';
import { ANY_ARGS, ARG_KINDS, ArgKind, Command } from './command';
import type { ArgCompleter, Completions, LineCompleter } from './completions';
import { featureFor } from './known-commands';
import type { TermOutput } from './term-output';
import { stringColumns } from './utf8';

export const ExitStatus = { Ok: 0, Usage: 2, NotFound: 127 } as const;

/** Column where help's descriptions start (the seed's layout). */
const HELP_COLUMN = 16;
const SPACE = 32;

export class CommandRegistry implements LineCompleter {
  private readonly commands: Vec<Command | null>;
  private readonly argv: Argv;
  private readonly argCompleters: FixedArray<ArgCompleter | null>;
  private readonly helpCommand: Command;

  /** `maxWords` words (the name included) of at most `maxLineBytes` in all. */
  constructor(maxWords: number, maxLineBytes: number) {
    this.commands = new Vec<Command | null>(null);
    this.argv = new Argv(maxWords, maxLineBytes);
    this.argCompleters = new FixedArray<ArgCompleter | null>(ARG_KINDS, null);
    this.helpCommand = new Command('help', 'help', 'Print this message.', '', 0, 0, ArgKind.None, (_argv, out) => {
      this.printHelp(out);
      return ExitStatus.Ok;
    });
    this.register(this.helpCommand);
  }

  /** Adds `c` (the registry owns it from now on); a second command of the same name panics. */
  register(c: Command): void {
    if (this.find(c.name) !== null) throw new Error('command registered twice');
    const list = this.commands;
    list.push(c);
    // Insertion sort: keeps help and completion in name order whatever the registration order.
    let i = list.len() - 1;
    while (i > 0 && compare(list.get(i - 1)!.name, c.name) > 0) {
      list.set(i, list.get(i - 1));
      i = i - 1;
    }
    list.set(i, c);
  }

  /** The command named `name`, or null. */
  find(name: string): Command | null {
    for (let i = 0; i < this.commands.len(); i++) {
      const c = this.commands.get(i)!;
      if (c.name === name) return c;
    }
    return null;
  }

  count(): number {
    return this.commands.len();
  }

  /** Command `i` in name order. */
  get(i: number): Command {
    return this.commands.get(i)!;
  }

  /** Completes arguments of commands whose argKind is `kind` (null: none). */
  setArgCompleter(kind: number, c: ArgCompleter | null): void {
    this.argCompleters.set(kind, c);
  }

  /** Runs one command line; returns its exit status. An empty line does nothing (0). */
  execute(line: string, out: TermOutput): number {
    const argv = this.argv;
    if (!argv.parse(line)) {
      out.write(argv.error());
      out.write('\n');
      return ExitStatus.Usage;
    }
    if (argv.count() === 0) return ExitStatus.Ok;
    const name = argv.get(0);
    const c = this.find(name);
    if (c === null) {
      const feature = featureFor(name);
      if (feature === '') {
        out.write('command not found: ');
        out.write(name);
      } else {
        out.write(name);
        out.write(": needs the '");
        out.write(feature);
        out.write("' feature");
      }
      out.write('\n');
      return ExitStatus.NotFound;
    }
    const args = argv.count() - 1;
    if (args < c.minArgs || (c.maxArgs !== ANY_ARGS && args > c.maxArgs)) {
      out.write('usage: ');
      out.write(c.usage);
      out.write('\n');
      return ExitStatus.Usage;
    }
    return c.run(argv, out);
  }

  /** The `help` text: a header, then "usage -- help" per command in name order. */
  printHelp(out: TermOutput): void {
    out.write('This is unishyper,\n');
    out.write('a research unikernel targeting a scalable and predictable runtime for embedded devices.\n');
    out.write('List of classes of commands:\n\n');
    for (let i = 0; i < this.commands.len(); i++) {
      const c = this.commands.get(i)!;
      out.write(c.usage);
      let col = stringColumns(c.usage);
      do {
        out.write(' ');
        col = col + 1;
      } while (col < HELP_COLUMN);
      out.write('-- ');
      out.write(c.help);
      out.write('\n');
    }
  }

  complete(line: number, wordStart: number, wordEnd: number, into: Completions): void {
    let nameStart = 0;
    while (nameStart < wordStart && load8(line + nameStart) === SPACE) nameStart = nameStart + 1;
    if (nameStart === wordStart) {
      // The first word: command names.
      for (let i = 0; i < this.commands.len(); i++) {
        const name = this.commands.get(i)!.name;
        if (startsWith(name, line + wordStart, wordEnd - wordStart)) into.add(name);
      }
      return;
    }
    let nameEnd = nameStart;
    while (load8(line + nameEnd) !== SPACE) nameEnd = nameEnd + 1;
    const c = this.find(strFromBytes(line + nameStart, nameEnd - nameStart));
    if (c === null || c.argKind === ArgKind.None) return;
    const ac = this.argCompleters.get(c.argKind);
    if (ac !== null) ac.completeArg(line + wordStart, wordEnd - wordStart, into);
  }

  /** Frees the registry and the commands it owns. */
  [Symbol.dispose](): void {
    release(this.helpCommand.run);
    for (let i = 0; i < this.commands.len(); i++) release(this.commands.get(i)!);
    this.commands[Symbol.dispose]();
    this.argv[Symbol.dispose]();
    release(this.argCompleters);
  }
}

/** Byte order of two strings (<0, 0, >0). */
function compare(a: string, b: string): number {
  const la = strLen(a);
  const lb = strLen(b);
  const n = la < lb ? la : lb;
  for (let i = 0; i < n; i++) {
    const d = strByteAt(a, i) - strByteAt(b, i);
    if (d !== 0) return d;
  }
  return la - lb;
}

/** True when `s` begins with the `len` bytes at `addr`. */
function startsWith(s: string, addr: number, len: number): boolean {
  if (strLen(s) < len) return false;
  for (let i = 0; i < len; i++) if (strByteAt(s, i) !== load8(addr + i)) return false;
  return true;
}
