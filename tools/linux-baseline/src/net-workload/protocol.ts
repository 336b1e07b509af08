// The network workload's protocol, shared by the host's client and (as
// documentation) any guest that serves it: the Linux guest's
// guest/netbench.c, and the unikernel's net-server.
//
// Guest ports (TCP):
//   7     echo: write back what is read
//   9     bulk sink: read until EOF, then reply "<bytes read>\n" and close
//   80    HTTP/1.1 keep-alive: "GET / HTTP/1.1" -> 200 with a small fixed body and Content-Length
//   9000  control: the host sends one line, the guest answers one line
//
// Control lines (host -> guest), each answered "ok\n" (or "err <why>\n"):
//   begin <phase>   the guest reads its instruction counters and clocks, then answers
//   end <phase>     the guest reads them again, prints its phase line, then answers
//   quit            the guest answers and stops serving
// <phase> is [A-Za-z0-9._-]{1,47}. The guest's phase line on its console:
//   @@lb net phase=<phase> ns= cntvct= cntfrq= insn=<per CPU> user=<per CPU> enabled= running= conns= rx= tx= reqs=

/** The services' ports in the guest. */
export const GUEST_PORTS = { echo: 7, bulk: 9, http: 80, control: 9000 } as const;

export type NetService = keyof typeof GUEST_PORTS;

/** Host ports (on 127.0.0.1) that reach the guest's services. */
export type NetPorts = Record<NetService, number>;

/** The guest prints this once every service listens: connect only after it. */
export const READY_LINE = /@@lb net ready\b/;

const PHASE = /^[A-Za-z0-9._-]{1,47}$/;

export function controlLine(cmd: 'begin' | 'end', phase: string): string;
export function controlLine(cmd: 'quit'): string;
export function controlLine(cmd: 'begin' | 'end' | 'quit', phase?: string): string {
  if (cmd === 'quit') return 'quit\n';
  if (phase === undefined || !PHASE.test(phase)) throw new Error(`a phase name is 1-47 of [A-Za-z0-9._-], not '${phase ?? ''}'`);
  return `${cmd} ${phase}\n`;
}

/** The guest's answer to a control line: "ok" (anything may follow) or an error naming why. */
export function parseControlAnswer(line: string): { ok: true } | { ok: false; why: string } {
  const text = line.replace(/\r?\n$/, '');
  if (text === 'ok' || text.startsWith('ok ')) return { ok: true };
  return { ok: false, why: text.startsWith('err ') ? text.slice(4) : `unexpected answer '${text}'` };
}

/** The HTTP request the client sends, one per round trip. */
export const HTTP_REQUEST = 'GET / HTTP/1.1\r\nHost: 10.0.0.2\r\n\r\n';
