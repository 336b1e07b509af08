// The code symbols of an AArch64 ELF by address, for the tools that
// attribute traced instructions to functions (codegen's bench/trace.ts,
// sync's bench/trace.ts, net-server's bench/profile.ts).
import { execFileSync } from 'node:child_process';

export interface FunctionSymbols {
  /** Start addresses, ascending. */
  addrs: number[];
  /** The function at each address, gcc's clone suffixes (.constprop.0, .isra.0, .part.0) dropped. */
  names: string[];
}

/** Defined code symbols (nm kinds t, T, w, W) of `elf`; `nm` is the binutils nm to run. */
export function functionSymbols(elf: string, nm = 'aarch64-linux-gnu-nm'): FunctionSymbols {
  const out = execFileSync(nm, ['-n', '--defined-only', elf], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const addrs: number[] = [];
  const names: string[] = [];
  for (const line of out.split('\n')) {
    const [addr, kind, name] = line.split(' ');
    if (!name || !'tTwW'.includes(kind!)) continue;
    addrs.push(parseInt(addr!, 16));
    names.push(name.replace(/\..*$/, ''));
  }
  return { addrs, names };
}

/** Index of the symbol whose range covers `pc` (the last at or below it), or -1 below the first. */
export function symbolIndex(s: FunctionSymbols, pc: number): number {
  let lo = 0;
  let hi = s.addrs.length - 1;
  if (hi < 0 || pc < s.addrs[0]!) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s.addrs[mid]! <= pc) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
