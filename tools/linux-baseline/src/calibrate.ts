// Checks the counting itself: `spin N` and `spin 2N` (guest/spin.c) run a
// loop of exactly 2 user-mode instructions per iteration. The difference of
// their EL0 counts must be exactly 2N; the difference of their whole counts
// is 2N plus what the kernel ran meanwhile (timer interrupts, at HZ=250
// one per 250,000 instructions of virtual time), and CNTVCT must agree with
// the whole count when nothing idles.
import path from 'node:path';
import { GUEST_DIR } from './guest-build.js';
import type { StepResult } from './results.js';
import { runLinuxWorkload, LinuxBaselineError, type RunOptions } from './runner.js';
import { machineInstructions } from './storage.js';
import type { Workload } from './workload.js';

export const CALIBRATION_ITERATIONS = 10_000_000;

export function calibrationWorkload(n = CALIBRATION_ITERATIONS): Workload {
  return {
    name: 'calibrate',
    programs: [{ name: 'spin', source: path.join(GUEST_DIR, 'spin.c') }],
    modules: [],
    script: [`step spin-n /bin/spin ${n}`, `step spin-2n /bin/spin ${2 * n}`, ''].join('\n'),
  };
}

export interface Calibration {
  iterations: number;
  /** Whole-machine instructions per added iteration (2 + kernel work per iteration). */
  perIteration: number;
  /** EL0 instructions added by N more iterations (smp 1: exactly 2N). */
  userDelta: number;
  /** Whole-machine instructions added, and CNTVCT ticks added. */
  insnDelta: number;
  cntvctDelta: number;
  steps: StepResult[];
  command: string;
}

export async function runLinuxCalibration(opts: Pick<RunOptions, 'smp' | 'memMiB' | 'log' | 'timeoutS' | 'onConsole'> = {}, n = CALIBRATION_ITERATIONS): Promise<Calibration> {
  const r = await runLinuxWorkload(calibrationWorkload(n), opts);
  const get = (name: string) => {
    const s = r.report.steps.find((x) => x.step === name);
    if (!s) throw new LinuxBaselineError(`the guest printed no result for ${name}`);
    return s;
  };
  const a = get('spin-n');
  const b = get('spin-2n');
  const user = (s: StepResult) => Math.max(...(s.userPerCpu ?? [NaN]));
  const insnDelta = machineInstructions(b) - machineInstructions(a);
  return { iterations: n, perIteration: insnDelta / n, userDelta: user(b) - user(a), insnDelta, cntvctDelta: b.cntvct - a.cntvct, steps: [a, b], command: r.command };
}
