/**
 * The shell commands of the `threads` feature: ps, kill, run, sleep, and
 * the kernel-wide uptime, date, poweroff and reboot (this is the lowest package
 * with commands that reaches hal). The app calls registerThreadCommands.
 */
import { kernelExit, nowMs, resetMachine, wallClockSeconds } from '@unishyper/hal-aarch64';
import { FixedArray, idiv } from '@unishyper/rt';
import { ArgKind, type Argv, Command, type CommandRegistry, interrupted, parseCount, type TermOutput, writeLeft, writeNumRight } from '@unishyper/terminal';
import { ThreadInfo, newSnapshotBuffer } from './snapshot.js';
import { kill, listThreads, sleepMs, wake } from './scheduler';
import { FIRST_THREAD_ID, stateName } from './thread.js';
import { writeDate } from './date';
import { runPowerOffHooks } from './power-hooks';

/** Threads `ps` shows (more are counted, not listed). */
const PS_ROWS = 64;

let snapshot: FixedArray<ThreadInfo> | null = null;
let shellThread = -1;

/** The shell's thread (kill refuses it: the prompt would be gone). Set by ThreadShellHost. */
export function setShellThread(id: number): void {
  shellThread = id;
}

export function registerThreadCommands(reg: CommandRegistry): void {
  if (snapshot === null) snapshot = newSnapshotBuffer(PS_ROWS);
  reg.register(new Command('ps', 'ps', 'Report a snapshot of the current threads; "run TID" wakes a sleeping one.', 'threads', 0, 0, ArgKind.None, ps));
  reg.register(new Command('kill', 'kill TID', 'Kill the thread TID (see "ps").', 'threads', 1, 1, ArgKind.Thread, killCommand));
  reg.register(new Command('run', 'run TID', 'Wake the sleeping or waiting thread TID now.', 'threads', 1, 1, ArgKind.Thread, run));
  reg.register(new Command('sleep', 'sleep SECONDS', 'Wait SECONDS seconds (Ctrl-C stops it).', 'threads', 1, 1, ArgKind.None, sleep));
  reg.register(new Command('uptime', 'uptime', 'Time since the kernel started.', 'threads', 0, 0, ArgKind.None, uptime));
  reg.register(new Command('date', 'date', "The date and time (UTC) from the board's real-time clock.", 'threads', 0, 0, ArgKind.None, date));
  reg.register(new Command('poweroff', 'poweroff', 'Power the machine off.', 'threads', 0, 0, ArgKind.None, poweroff));
  reg.register(new Command('reboot', 'reboot', 'Restart the machine (PSCI SYSTEM_RESET).', 'threads', 0, 0, ArgKind.None, reboot));
}

function ps(_argv: Argv, out: TermOutput): number {
  const rows = snapshot!;
  const n = listThreads(rows);
  out.write('  TID NAME             STATE     PRI CORE  CPU(ms)\n');
  for (let i = 0; i < n && i < rows.length; i++) {
    const t = rows.get(i);
    writeNumRight(out, t.id, 5);
    out.write(' ');
    writeLeft(out, t.name, 17);
    writeLeft(out, stateName(t.state), 9);
    writeNumRight(out, t.priority, 4);
    if (t.core < 0) out.write('    -');
    else writeNumRight(out, t.core, 5);
    writeNumRight(out, idiv(t.cpuTimeNs, 1_000_000), 9);
    out.write('\n');
  }
  if (n > rows.length) {
    out.writeNum(n - rows.length);
    out.write(' more not shown\n');
  }
  return 0;
}

/** The TID in argv.get(1), or -1 after printing why it is not one. */
function threadArg(argv: Argv, out: TermOutput): number {
  const id = parseCount(argv.get(1));
  if (id < 0) {
    out.write(argv.get(0));
    out.write(': not a thread id: ');
    out.write(argv.get(1));
    out.write('\n');
  }
  return id;
}

function noSuchThread(argv: Argv, out: TermOutput, what: string): number {
  out.write(argv.get(0));
  out.write(': ');
  out.write(what);
  out.write(argv.get(1));
  out.write('\n');
  return 1;
}

function killCommand(argv: Argv, out: TermOutput): number {
  const id = threadArg(argv, out);
  if (id < 0) return 2;
  if (id === FIRST_THREAD_ID || id === shellThread) return noSuchThread(argv, out, 'will not kill the main or shell thread ');
  if (!kill(id)) return noSuchThread(argv, out, 'no such thread: ');
  return 0;
}

function run(argv: Argv, out: TermOutput): number {
  const id = threadArg(argv, out);
  if (id < 0) return 2;
  if (!wake(id)) return noSuchThread(argv, out, 'not a sleeping or waiting thread: ');
  return 0;
}

function sleep(argv: Argv, out: TermOutput): number {
  const s = parseCount(argv.get(1));
  if (s < 0 || s > 86_400) {
    out.write('sleep: not a number of seconds (0-86400): ');
    out.write(argv.get(1));
    out.write('\n');
    return 2;
  }
  // In steps, so Ctrl-C (interrupted()) is seen within 50 ms.
  const end = nowMs() + s * 1000;
  while (nowMs() < end) {
    if (interrupted()) return 130;
    sleepMs(50);
  }
  return 0;
}

function uptime(_argv: Argv, out: TermOutput): number {
  const ms = nowMs();
  out.write('up ');
  out.writeNum(idiv(ms, 1000));
  out.write('.');
  const frac = ms % 1000;
  if (frac < 100) out.write('0');
  if (frac < 10) out.write('0');
  out.writeNum(frac);
  out.write(' s\n');
  return 0;
}

function date(_argv: Argv, out: TermOutput): number {
  const t = wallClockSeconds();
  if (t < 0) {
    out.write('date: this board has no real-time clock\n');
    return 1;
  }
  writeDate(out, t);
  out.write('\n');
  return 0;
}

function poweroff(_argv: Argv, out: TermOutput): number {
  runPowerOffHooks(out);
  out.write('powering off\n');
  return kernelExit(0);
}

function reboot(_argv: Argv, out: TermOutput): number {
  runPowerOffHooks(out);
  out.write('rebooting\n');
  const r = resetMachine();
  out.write('reboot: the board could not restart (error ');
  out.writeNum(r);
  out.write(')\n');
  return 1;
}
