/** How the fs commands report an error: `NAME: PATH: message`, status 1. */
import type { Argv, TermOutput } from '@unishyper/terminal';
import { errnoMessage } from './errno';

/** Prints `NAME: PATH: message` for the error `r` (<0); returns 1. */
export function fail(argv: Argv, path: string, r: number, out: TermOutput): number {
  out.write(argv.get(0));
  out.write(': ');
  out.write(path);
  out.write(': ');
  out.write(errnoMessage(r));
  out.write('\n');
  return 1;
}
