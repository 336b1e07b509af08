/**
 * The terminal's ShellHost on this scheduler: command lines run on threads
 * of their own (a panic or kill ends only that thread), and the console is
 * read through hal's console input. At the prompt the shell sleeps on a
 * wait queue the console's receive interrupt wakes, so an idle shell costs
 * nothing; while a command runs it looks every COMMAND_POLL_MS.
 */
import { consoleInputCount, consoleReadByte, onConsoleInput } from '@unishyper/hal-aarch64';
import { release } from '@unishyper/rt';
import type { ShellHost } from '@unishyper/terminal';
import { schedLock, schedUnlock } from './critical';
import { currentThreadId } from './cores';
import { joinResult, kill, sleepMs, spawn, threadIsLive } from './scheduler';
import { DEFAULT_PRIORITY } from './thread.js';
import { setShellThread } from './commands';
import { WaitQueue } from './wait-queue';

/** Milliseconds between looks at the console and the command while one runs (Ctrl-C feels immediate below ~20). */
const COMMAND_POLL_MS = 10;
/** The longest sleep at the prompt: a safety net should a board's console never interrupt. */
const IDLE_WAIT_NS = 1_000_000_000;

export class ThreadShellHost implements ShellHost {
  private readonly typed = new WaitQueue();
  /** Priority of the command threads: the shell's own, so a busy server does not starve what is typed. */
  private readonly commandPriority: number;
  /** consoleInputCount() before the last read: input that came after it is not lost to the sleep. */
  private seen = 0;

  constructor(commandPriority: number) {
    this.commandPriority = commandPriority;
  }

  attach(): void {
    setShellThread(currentThreadId());
    const q = this.typed;
    onConsoleInput(() => {
      q.wakeAll();
    });
  }

  readByte(): number {
    this.seen = consoleInputCount();
    return consoleReadByte();
  }

  pause(commandRunning: boolean): void {
    if (commandRunning) {
      sleepMs(COMMAND_POLL_MS);
      return;
    }
    // Checked and slept on in one critical section: an interrupt after the
    // check waits for the lock, then finds this thread on the queue.
    const saved = schedLock();
    if (consoleInputCount() === this.seen) this.typed.waitLocked(IDLE_WAIT_NS);
    schedUnlock(saved);
  }

  spawnCommand(name: string, body: () => number): number {
    return spawn(name, this.commandPriority, body);
  }

  running(id: number): boolean {
    const saved = schedLock();
    const live = threadIsLive(id);
    schedUnlock(saved);
    return live;
  }

  kill(id: number): boolean {
    return kill(id);
  }

  join(id: number): number {
    const r = joinResult(id);
    const how = r.how;
    release(r);
    return how;
  }
}
