/**
 * The console sink `kprint` writes to. Internal: tests replace it through
 * `@unishyper/rt/sim`. Natively output goes to the target's
 * `rt_console_write`.
 */

/** Receives console text, exactly as printed (no newline added). */
export type ConsoleSink = (text: string) => void;

export const defaultSink: ConsoleSink = (text) => {
  process.stdout.write(text);
};

let sink: ConsoleSink = defaultSink;

export function setConsoleSink(s: ConsoleSink): ConsoleSink {
  const old = sink;
  sink = s;
  return old;
}

export function consoleWrite(text: string): void {
  if (text.length > 0) sink(text);
}
