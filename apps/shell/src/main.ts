// apps/shell: boots to the seed's shell on the console. The registry gets
// the commands of each feature in the image (threads, mm, fs over a RAM
// file system at /); the shell runs on a thread of its own and each command
// line on another. Two demo threads give ps, kill and run something to
// show: "spinner" computes at the lowest priority, "sleeper" sleeps and
// counts the times `run` woke it. main joins them as they end, so a killed
// one leaves ps.
import { frameInit, registerMmCommands } from '@unishyper/mm';
import { allocBytes, kprint } from '@unishyper/rt';
import { DEFAULT_PRIORITY, initScheduler, join, MIN_PRIORITY, registerThreadCommands, sleepMs, spawn, ThreadShellHost, yieldNow } from '@unishyper/sched';
import { CommandRegistry, ConsoleOutput, Shell } from '@unishyper/terminal';
import { initVfs, RamFs, registerFsCommands, writeFile } from '@unishyper/vfs';

/** Bytes the RAM file system at / may hold. */
const ROOT_BYTES = 1 << 20;
/**
 * Frames for the frame allocator `free` reports: the kernel has no frame
 * allocator of its own yet, so the app makes one over a block of its heap.
 */
const FRAME_BYTES = 1 << 20;
const LINE_BYTES = 256;
const HISTORY_LINES = 32;
const MAX_WORDS = 32;

let spins = 0;
let wakes = 0;

function spinner(): number {
  for (;;) {
    spins = spins + 1;
    if ((spins & 0xffff) === 0) yieldNow();
  }
}

function sleeper(): number {
  for (;;) {
    sleepMs(3_600_000);
    wakes = wakes + 1;
    kprint`sleeper: woken (${wakes})\n`;
  }
}

export function main(): number {
  initScheduler();
  const vfs = initVfs(new RamFs(ROOT_BYTES));
  vfs.mkdir('/etc');
  writeFile(vfs, '/etc/motd', 'Welcome to Unishyper.\n');
  const frames = frameInit(allocBytes(FRAME_BYTES, 4096), FRAME_BYTES);

  const reg = new CommandRegistry(MAX_WORDS, LINE_BYTES);
  registerThreadCommands(reg);
  registerMmCommands(reg, frames);
  registerFsCommands(reg, vfs);

  const spin = spawn('spinner', MIN_PRIORITY, spinner);
  const sleep = spawn('sleeper', DEFAULT_PRIORITY, sleeper);
  const shell = new Shell(reg, new ThreadShellHost(DEFAULT_PRIORITY), new ConsoleOutput(), LINE_BYTES, HISTORY_LINES);
  kprint`shell: type help; spinner is thread ${spin}, sleeper ${sleep}\n`;
  const tid = spawn('shell', DEFAULT_PRIORITY, () => shell.run());
  join(spin);
  kprint`shell: spinner ended\n`;
  join(sleep);
  kprint`shell: sleeper ended\n`;
  return join(tid);
}
