/** Seconds since 1970 as "YYYY-MM-DD HH:MM:SS UTC" (the `date` command). */
import { idiv } from '@unishyper/rt';
import type { TermOutput } from '@unishyper/terminal';

export function writeDate(out: TermOutput, t: number): void {
  const days = idiv(t, 86_400);
  const secs = t - days * 86_400;
  // Civil date from a day count (proleptic Gregorian), by 400-year eras from 0000-03-01.
  const z = days + 719_468;
  const era = idiv(z, 146_097);
  const doe = z - era * 146_097;
  const yoe = idiv(doe - idiv(doe, 1460) + idiv(doe, 36_524) - idiv(doe, 146_096), 365);
  const doy = doe - (365 * yoe + idiv(yoe, 4) - idiv(yoe, 100));
  const mp = idiv(5 * doy + 2, 153);
  const d = doy - idiv(153 * mp + 2, 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  out.writeNum(y);
  out.write('-');
  two(out, m);
  out.write('-');
  two(out, d);
  out.write(' ');
  two(out, idiv(secs, 3600));
  out.write(':');
  two(out, idiv(secs, 60) % 60);
  out.write(':');
  two(out, secs % 60);
  out.write(' UTC');
}

function two(out: TermOutput, n: number): void {
  if (n < 10) out.write('0');
  out.writeNum(n);
}
