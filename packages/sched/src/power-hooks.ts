/**
 * What must run before the shell's poweroff or reboot ends the kernel, in
 * the order added: a file system syncs here (registerFsCommands adds that),
 * so what was written at the prompt is on the disk when the machine stops.
 * Hooks run on the command's thread with interrupts on, so they may wait
 * for devices. At most MAX_HOOKS.
 */
import { FixedArray, panic } from '@unishyper/rt';
import type { TermOutput } from '@unishyper/terminal';

const MAX_HOOKS = 8;

let hooks: FixedArray<(out: TermOutput) => void> | null = null;
let count = 0;

function noHook(_out: TermOutput): void {}

/** Adds `hook` (it may print what it does or what failed on `out`). */
export function addPowerOffHook(hook: (out: TermOutput) => void): void {
  if (hooks === null) hooks = new FixedArray<(out: TermOutput) => void>(MAX_HOOKS, noHook);
  if (count === MAX_HOOKS) panic('addPowerOffHook: more than 8 hooks');
  hooks!.set(count, hook);
  count++;
}

export function runPowerOffHooks(out: TermOutput): void {
  const h = hooks;
  if (h === null) return;
  for (let i = 0; i < count; i++) {
    const hook = h.get(i);
    hook(out);
  }
}
