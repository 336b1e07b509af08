/**
 * Panic messages for misusing a sleeping primitive: they name the object
 * (kind and name) and the thread (id and name), e.g.
 * `mutex "log": thread 103 ("worker") tried to release a mutex it does not own (owned by thread 101)`.
 * Callers drop the scheduler lock first, so the panic ends only the thread.
 */
import { panic, StrBuf } from '@unishyper/rt';
import { Thread } from '@unishyper/sched';

/** Panics with `<kind> "<name>": thread <id> ("<thread>") <what>`, then `(owned by thread N)` / `(it is free)` when `showOwner` (ownerId -1: free). */
export function misuse(kind: string, name: string, t: Thread, what: string, ownerId: number, showOwner: boolean): never {
  const b = new StrBuf(200);
  b.push(kind);
  b.push(' "');
  b.push(name);
  b.push('": thread ');
  b.pushNum(t.id);
  b.push(' ("');
  b.push(t.name);
  b.push('") ');
  b.push(what);
  if (showOwner) {
    if (ownerId < 0) b.push(' (it is free)');
    else {
      b.push(' (owned by thread ');
      b.pushNum(ownerId);
      b.push(')');
    }
  }
  return panic(b.toString());
}
