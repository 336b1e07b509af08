// The shell on the console (packages/terminal, the seed's `☻ SHELL➜ `),
// with the commands of every feature in the image: threads (ps, kill, ...),
// mm (free), fs (ls, cat, cp, df, ... over / and /fatfs) and net (ifconfig,
// ping, netstat). It and its commands run one priority above the services,
// so what is typed is answered while the server is busy.
import { frameInit, registerMmCommands } from '@unishyper/mm';
import { registerNetCommands, type NetStack, type Tcp } from '@unishyper/net';
import { allocBytes } from '@unishyper/rt';
import { registerThreadCommands, spawn, ThreadShellHost } from '@unishyper/sched';
import { CommandRegistry, ConsoleOutput, Shell } from '@unishyper/terminal';
import { registerFsCommands, type Vfs } from '@unishyper/vfs';

export const SHELL_PRIORITY = 9;
const LINE_BYTES = 256;
const HISTORY_LINES = 32;
const MAX_WORDS = 32;
/**
 * Frames for the frame allocator `free` reports: the kernel has no frame
 * allocator of its own yet, so the app makes one over a block of its heap.
 */
const FRAME_BYTES = 1 << 20;

/** Starts the shell on a thread of its own; its id. */
export function startShell(vfs: Vfs, stack: NetStack, tcp: Tcp): number {
  const frames = frameInit(allocBytes(FRAME_BYTES, 4096), FRAME_BYTES);
  const reg = new CommandRegistry(MAX_WORDS, LINE_BYTES);
  registerThreadCommands(reg);
  registerMmCommands(reg, frames);
  registerFsCommands(reg, vfs);
  registerNetCommands(reg, stack, tcp);
  const shell = new Shell(reg, new ThreadShellHost(SHELL_PRIORITY), new ConsoleOutput(), LINE_BYTES, HISTORY_LINES);
  return spawn('shell', SHELL_PRIORITY, () => shell.run());
}
