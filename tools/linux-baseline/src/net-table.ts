// The bench --net table, and the rates derived from a figure. Three rates,
// because virtual time is not pure guest time here: under -icount with
// sleep=on, virtual time advances one tick per instruction while the guest
// runs and in real time while it idles waiting for the host (QEMU's slirp,
// the Node client), so a virtual-time rate mixes the guest's work with the
// host's latency.
import type { NetBaseline, NetFigure } from './net.js';
import { machineInsn } from './net.js';

export interface NetRates {
  /** 'req/s' (echo round trips, HTTP requests) or 'MB/s' (bulk, 10^6 bytes). */
  unit: 'req/s' | 'MB/s';
  /** Per second of QEMU virtual time (CLOCK_MONOTONIC), the empty phase's taken off. */
  virtual: number;
  /** Per second of the host's wall clock (the client's view). */
  wall: number;
  /** Per second if the guest never waited: its instructions at one per CNTVCT tick (62.5 MHz at shift=4). */
  cpuBound: number;
  /** Share of the phase's CNTVCT ticks the guest spent executing (the rest it idled, waiting for the host). */
  busy: number;
}

export function netRates(f: NetFigure): NetRates {
  const amount = f.kind === 'bulk' ? f.bytes / 1e6 : f.ops;
  return {
    unit: f.kind === 'bulk' ? 'MB/s' : 'req/s',
    virtual: amount / (f.ns / 1e9),
    wall: amount / (f.host.wallNs / 1e9),
    cpuBound: amount / (f.instructions / f.raw.cntfrq),
    busy: machineInsn(f.raw) / f.raw.cntvct,
  };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const rate = (n: number) => (n >= 100 ? int(n) : n.toFixed(1));

/** eth0's frames during each phase, per op (what the instruction counts pay for), when the guest reported them. */
function framesLine(r: NetBaseline): string[] {
  const { echo, bulk, http } = r;
  if ([echo, bulk, http].some((f) => f.raw.framesIn === undefined)) return [];
  const per = (f: NetFigure) => `${(f.raw.framesIn! / f.ops).toFixed(2)} in, ${(f.raw.framesOut! / f.ops).toFixed(2)} out`;
  return [
    `eth0 frames: per echo round trip ${per(echo)}; per HTTP request ${per(http)}; bulk ${int(bulk.raw.framesIn!)} in (${int(bulk.bytes / bulk.raw.framesIn!)} payload bytes each), ${int(bulk.raw.framesOut!)} out`,
  ];
}

export function formatNetTable(r: NetBaseline): string {
  const o = r.options;
  const rows: [string, string, NetFigure][] = [
    [`echo ${int(o.echoCount)} x ${o.echoSize} B, one connection`, 'insn/round trip', r.echo],
    [`bulk ${(o.bulkBytes / 1048576).toFixed(0)} MiB to the sink`, 'insn/byte', r.bulk],
    [`http ${int(o.httpCount)} GET, keep-alive`, 'insn/request', r.http],
  ];
  const head = ['workload', 'per op', 'instructions', 'CNTVCT ticks', 'busy', 'virtual rate', 'host wall rate', 'CPU-bound rate', 'repetitions (min..max instructions)'];
  const body = rows.map(([name, per, f]) => {
    const x = netRates(f);
    return [
      name,
      `${f.kind === 'bulk' ? f.perOp.toFixed(2) : int(f.perOp)} ${per}`,
      int(f.instructions),
      int(f.cntvctTicks),
      `${(100 * x.busy).toFixed(0)}%`,
      `${rate(x.virtual)} ${x.unit}`,
      `${rate(x.wall)} ${x.unit}`,
      `${rate(x.cpuBound)} ${x.unit}`,
      `${int(Math.min(...f.runs))}..${int(Math.max(...f.runs))}`,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    `Linux baseline (network): ${r.kernel}, -smp ${o.smp} -m ${o.memMiB}M, virtio-net on restricted user networking; median of ${o.repeat} repetitions`,
    `PMU: ${r.pmu}`,
    r.command,
    '',
    line(head),
    ...body.map(line),
    '',
    `net of an empty phase (one control round trip: "begin", "ok", "end"): ${int(machineInsn(r.empty))} instructions, ${(r.empty.ns / 1e6).toFixed(2)} virtual ms (first repetition's)`,
    ...(r.idle
      ? [
          `idle check: the host waited ${(r.idle.host.wallNs / 1e6).toFixed(1)} ms (its wall clock) inside a phase; the guest's virtual clock advanced ${(r.idle.guest.ns / 1e6).toFixed(1)} ms, ${int(machineInsn(r.idle.guest))} instructions`,
        ]
      : []),
    ...framesLine(r),
    'virtual rate: per second of QEMU virtual time, which runs at one tick per guest instruction and in real time while the guest idles waiting for the host;',
    'host wall rate: what the Node client saw; CPU-bound rate: if the guest never waited (instructions at 62.5 M per second); busy: instructions / CNTVCT ticks.',
    `per-CPU PMU counts (each is the whole machine under QEMU -icount): ${rows.map(([, , f]) => `${f.kind} [${f.raw.insnPerCpu.map(int).join(', ')}]`).join('; ')}`,
  ].join('\n');
}
