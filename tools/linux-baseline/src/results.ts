// Parses the guest's console. Lines the guest writes for the runner start
// with "@@" (kernel messages and shell noise are ignored):
//
//   @@lb boot uptime=<s> cpus=<n>                 /init started
//   @@lb pmu <dmesg line or "none">               what the kernel said about the PMU
//   @@lb step=<name> status= ns= cntvct= cntfrq= insn=<c0,c1,..> user=<c0,c1,..> enabled= running=
//   @@lb net ready echo=7 bulk=9 http=80 control=9000   netbench listens
//   @@lb net phase=<name> ns= cntvct= cntfrq= insn= user= enabled= running= conns= rx= tx= reqs= [frames_in= frames_out=]
//   @@lb error what=<...>                         the guest gave up
//   @@lb done                                     the workload finished
//   @@<tag> key=value ...                         a workload program's own line

export interface StepResult {
  step: string;
  status: number;
  /** CLOCK_MONOTONIC (QEMU virtual time) across the run, ns. */
  ns: number;
  /** CNTVCT_EL0 ticks across the run. */
  cntvct: number;
  cntfrq: number;
  /** The PMU instructions event per CPU across the run. */
  insnPerCpu: number[];
  /** The same event counting EL0 only, per CPU (absent from older lines). */
  userPerCpu?: number[];
  /** perf's time enabled and running, summed over CPUs (running < enabled: the counter was multiplexed). */
  enabled: number;
  running: number;
}

/** One phase of the network workload, bracketed by the host's control messages (guest/netbench.c). */
export interface NetPhaseResult {
  phase: string;
  ns: number;
  cntvct: number;
  cntfrq: number;
  insnPerCpu: number[];
  userPerCpu?: number[];
  enabled: number;
  running: number;
  /** What the data services saw during the phase: connections accepted, bytes read and written, HTTP requests. */
  conns: number;
  rx: number;
  tx: number;
  reqs: number;
  /** Ethernet frames the guest received and sent during the phase (optional in the protocol; netbench reads eth0's counters). */
  framesIn?: number;
  framesOut?: number;
}

export interface TaggedLine {
  tag: string;
  fields: Record<string, string>;
}

export interface GuestReport {
  booted: boolean;
  bootUptimeS?: number;
  cpus?: number;
  pmu?: string;
  steps: StepResult[];
  /** netbench printed its ready line (every service listening). */
  netReady: boolean;
  netPhases: NetPhaseResult[];
  tagged: TaggedLine[];
  errors: string[];
  done: boolean;
}

/** key=value words after the tag; a value runs to the next blank. */
export function fieldsOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/(\w[\w.-]*)=(\S*)/g)) out[m[1]!] = m[2]!;
  return out;
}

function num(fields: Record<string, string>, key: string, line: string): number {
  const v = fields[key];
  if (v === undefined || !/^-?\d+$/.test(v)) throw new Error(`malformed result line (no integer ${key}=): ${line}`);
  return Number(v);
}

/** The counter fields every result line has (guest/pmu.h pmu_print_interval). */
function counterFields(f: Record<string, string>, line: string) {
  const list = (key: string) => {
    const xs = (f[key] ?? '').split(',').filter(Boolean);
    if (!xs.length || xs.some((x) => !/^\d+$/.test(x))) throw new Error(`malformed result line (${key}=): ${line}`);
    return xs.map(Number);
  };
  return {
    ns: num(f, 'ns', line),
    cntvct: num(f, 'cntvct', line),
    cntfrq: num(f, 'cntfrq', line),
    insnPerCpu: list('insn'),
    ...(f.user !== undefined ? { userPerCpu: list('user') } : {}),
    enabled: num(f, 'enabled', line),
    running: num(f, 'running', line),
  };
}

export function parseGuestConsole(console: string): GuestReport {
  const r: GuestReport = { booted: false, steps: [], netReady: false, netPhases: [], tagged: [], errors: [], done: false };
  for (const raw of console.split('\n')) {
    // The marker may follow kernel output on the same console line; take it from "@@".
    const at = raw.indexOf('@@');
    if (at < 0) continue;
    const line = raw.slice(at).replace(/\r$/, '').trimEnd();
    const m = /^@@(\w+)\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, tag, rest] = m as unknown as [string, string, string];
    if (tag !== 'lb') {
      r.tagged.push({ tag, fields: fieldsOf(rest) });
      continue;
    }
    if (rest.startsWith('boot')) {
      const f = fieldsOf(rest);
      r.booted = true;
      if (f.uptime) r.bootUptimeS = Number(f.uptime);
      if (f.cpus) r.cpus = Number(f.cpus);
    } else if (rest.startsWith('pmu ')) r.pmu = rest.slice(4).trim();
    else if (rest.startsWith('error')) r.errors.push(rest.replace(/^error\s*/, ''));
    else if (rest === 'done') r.done = true;
    else if (rest.startsWith('step=')) {
      const f = fieldsOf(rest);
      r.steps.push({ step: f.step!, status: num(f, 'status', line), ...counterFields(f, line) });
    } else if (rest.startsWith('net ready')) r.netReady = true;
    else if (rest.startsWith('net phase=')) {
      const f = fieldsOf(rest);
      r.netPhases.push({ phase: f.phase!, ...counterFields(f, line), conns: num(f, 'conns', line), rx: num(f, 'rx', line), tx: num(f, 'tx', line), reqs: num(f, 'reqs', line),
        ...(f.frames_in !== undefined ? { framesIn: num(f, 'frames_in', line), framesOut: num(f, 'frames_out', line) } : {}),
      });
    }
  }
  return r;
}
