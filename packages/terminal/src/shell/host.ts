/**
 * ShellHost: what the shell needs from the kernel below it, so that this
 * package depends on rt alone and the packages below it (sched, mm, vfs) can
 * depend on it for their command sets. @unishyper/sched implements it with
 * threads and the console input (ThreadShellHost); tests use their own.
 */

/** How a command's thread ended (the values of sched's ThreadEnd). */
export const CommandEnd = {
  Returned: 0,
  Panicked: 1,
  Faulted: 2,
  Killed: 3,
} as const;

export interface ShellHost {
  /** Called once on the shell's own thread before the first prompt. */
  attach(): void;
  /** The next byte typed on the console, or -1 when none is waiting. */
  readByte(): number;
  /**
   * Waits for input: until a console byte may be waiting, or, when
   * `commandRunning`, at most a few milliseconds (the shell also watches
   * the command's thread end). Other threads run meanwhile.
   */
  pause(commandRunning: boolean): void;
  /** Starts `body` on a thread of its own named `name`; returns its id. The thread owns `body`. */
  spawnCommand(name: string, body: () => number): number;
  /** Whether thread `id` has not ended yet. */
  running(id: number): boolean;
  /** Ends thread `id` (a command that ignores Ctrl-C). */
  kill(id: number): boolean;
  /** Waits for thread `id`, frees it, and returns how it ended (CommandEnd). */
  join(id: number): number;
}
