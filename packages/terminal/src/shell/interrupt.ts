/**
 * Ctrl-C while a command runs: the shell sets this flag, and a command that
 * loops or waits (sleep, ping) polls interrupted() and returns early. A
 * second Ctrl-C kills the command's thread (see shell.ts), so a command
 * that never polls can still be stopped.
 */
let flag = false;

/** True once Ctrl-C was typed while the current command runs. */
export function interrupted(): boolean {
  return flag;
}

export function setInterrupted(on: boolean): void {
  flag = on;
}
