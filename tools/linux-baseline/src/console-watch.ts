// The guest console as it arrives, for host code that must act while the
// guest runs (the network workload's client waits for netbench's ready
// line before connecting: QEMU's forwards accept before the guest listens,
// then drop the connection).

export class ConsoleWatch {
  private text = '';
  private waiters: { re: RegExp; resolve: (line: string) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }[] = [];
  private ended: string | undefined;

  /** Feeds a chunk of console output. */
  push(chunk: string) {
    this.text += chunk;
    for (const w of [...this.waiters]) {
      const line = this.find(w.re);
      if (line !== undefined) this.settle(w, () => w.resolve(line));
    }
  }

  /** QEMU has exited: every wait still open fails with `why`. */
  end(why: string) {
    this.ended = why;
    for (const w of [...this.waiters]) this.settle(w, () => w.reject(new Error(`the guest stopped before printing ${w.re}: ${why}`)));
  }

  /** The first complete console line matching `re`, now or once it arrives. */
  waitFor(re: RegExp, timeoutMs: number): Promise<string> {
    const now = this.find(re);
    if (now !== undefined) return Promise.resolve(now);
    if (this.ended !== undefined) return Promise.reject(new Error(`the guest stopped before printing ${re}: ${this.ended}`));
    return new Promise((resolve, reject) => {
      const w = {
        re,
        resolve,
        reject,
        timer: setTimeout(() => this.settle(w, () => reject(new Error(`the guest printed no line matching ${re} within ${timeoutMs / 1000} s`))), timeoutMs),
      };
      this.waiters.push(w);
    });
  }

  private find(re: RegExp): string | undefined {
    const complete = this.text.slice(0, this.text.lastIndexOf('\n') + 1);
    return complete.split('\n').find((l) => re.test(l));
  }

  private settle(w: (typeof this.waiters)[number], act: () => void) {
    clearTimeout(w.timer);
    this.waiters = this.waiters.filter((x) => x !== w);
    act();
  }
}
