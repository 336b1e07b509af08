/**
 * The terminal's ShellHost on this scheduler: command lines run on threads
 * of their own (a panic or kill ends only that thread), the console is read
 * through hal's console input, and the shell polls it every POLL_MS when
 * nothing is waiting (console input has no wait queue to sleep on yet).
 */
import { consoleReadByte } from '@unishyper/hal-aarch64';
import { release } from '@unishyper/rt';
import type { ShellHost } from '@unishyper/terminal';
import { schedLock, schedUnlock } from './critical';
import { currentThreadId } from './cores';
import { joinResult, kill, sleepMs, spawn, threadIsLive } from './scheduler';
import { DEFAULT_PRIORITY } from './thread.js';
import { setShellThread } from './commands';

/** Milliseconds between looks at an empty console (typing feels immediate below ~20). */
const POLL_MS = 10;

export class ThreadShellHost implements ShellHost {
  attach(): void {
    setShellThread(currentThreadId());
  }

  readByte(): number {
    return consoleReadByte();
  }

  pause(): void {
    sleepMs(POLL_MS);
  }

  spawnCommand(name: string, body: () => number): number {
    return spawn(name, DEFAULT_PRIORITY, body);
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
