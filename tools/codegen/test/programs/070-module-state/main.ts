// Module-level `let` state mutated across calls and across modules; a
// module-level object; module-level state initialised from a function.
import { kprint } from '@unishyper/rt';
import { bump, current, last, reset } from './counter';
import { useTwice, userCalls } from './user';

class Registry {
  entries = 0;
}

const registry = new Registry();
let seed = initialSeed();
let ticks = 0;

function initialSeed(): number {
  return 12345;
}

function tick(): number {
  ticks++;
  seed = (seed * 75 + 74) % 65537;
  registry.entries++;
  return seed % 100;
}

export function main(): void {
  kprint`count starts at ${current()}, last ${last()}\n`;
  kprint`bump -> ${bump('main')}\n`;
  kprint`useTwice -> ${useTwice('user')}\n`;
  kprint`count ${current()}, last ${last()}, user calls ${userCalls()}\n`;
  reset();
  kprint`after reset: ${current()} ${last()}\n`;
  kprint`useTwice -> ${useTwice('again')}\n`;
  for (let i = 0; i < 5; i++) kprint`tick ${tick()}\n`;
  kprint`ticks ${ticks}, registry entries ${registry.entries}, seed ${seed}\n`;
}
