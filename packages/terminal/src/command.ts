/**
 * Command: what a package registers with the shell. The handler gets the
 * parsed words (argv.get(0) is the command's name) and the output to print
 * to, and returns an exit status (0 for success). The registry has already
 * checked the number of arguments against [minArgs, maxArgs] and printed the
 * usage line when it was wrong, so a handler only checks their values.
 */
import type { Argv } from './argv';
import type { TermOutput } from './term-output';

export type CommandHandler = (argv: Argv, out: TermOutput) => number;

/** What a command's arguments are, so Tab can complete them (ArgCompleter per kind). */
export const ArgKind = {
  None: 0,
  /** File or directory paths (completed by the file system). */
  Path: 1,
  /** Thread ids (completed by the scheduler). */
  Thread: 2,
} as const;

/** Number of ArgKind values. */
export const ARG_KINDS = 3;

/** No upper bound on the number of arguments. */
export const ANY_ARGS = -1;

export class Command {
  constructor(
    /** The word that runs it. */
    readonly name: string,
    /** Its synopsis, as `help` shows it and wrong arguments print it: "cat FILE". */
    readonly usage: string,
    /** One line saying what it does. */
    readonly help: string,
    /** The app feature (unishyper.config.ts) that brings it, e.g. 'fs'; '' for the shell's own. */
    readonly feature: string,
    readonly minArgs: number,
    /** At most this many arguments, or ANY_ARGS. */
    readonly maxArgs: number,
    /** An ArgKind: what Tab completes after the name. */
    readonly argKind: number,
    readonly run: CommandHandler,
  ) {}
}
