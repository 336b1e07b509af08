import { describe, expect, it } from 'vitest';
import { parseGuestConsole } from '../src/results.js';
import { machineInstructions, medianFigure } from '../src/storage.js';
import { mbPerS } from '../src/table.js';

const console = [
  'Booting Linux on physical CPU 0x0000000000 [0x410fd034]',
  '@@lb boot uptime=13.58 cpus=2\r',
  '@@lb pmu hw perfevents: enabled with armv8_pmuv3 PMU driver, 7 counters available',
  '@@lb step=empty status=0 ns=11534240 cntvct=720829 cntfrq=62500000 insn=723873,723873 enabled=23163936 running=23163936',
  '[   15.1] random: crng init done@@fsbench op=write bytes=16777216 ops=256 bad=0',
  '@@lb step=seq-write status=0 ns=3210791696 cntvct=200674420 cntfrq=62500000 insn=199794402,199794402 user=1234,1234 enabled=1 running=1',
  '@@lb done',
  '[   19.751712] reboot: Power down',
].join('\n');

describe('guest console parser', () => {
  const r = parseGuestConsole(console);

  it('finds boot, PMU, steps, program lines and the end', () => {
    expect(r).toMatchObject({ booted: true, bootUptimeS: 13.58, cpus: 2, done: true, errors: [] });
    expect(r.pmu).toMatch(/armv8_pmuv3/);
    expect(r.steps.map((s) => s.step)).toEqual(['empty', 'seq-write']);
    expect(r.steps[1]).toMatchObject({ status: 0, ns: 3210791696, cntvct: 200674420, cntfrq: 62500000, insnPerCpu: [199794402, 199794402], userPerCpu: [1234, 1234] });
    expect(r.steps[0]!.userPerCpu).toBeUndefined();
  });

  it('takes a marker that follows kernel output on the same line', () => {
    expect(r.tagged).toEqual([{ tag: 'fsbench', fields: { op: 'write', bytes: '16777216', ops: '256', bad: '0' } }]);
  });

  it('collects errors, and a run without "done" is not done', () => {
    const e = parseGuestConsole('@@lb boot uptime=1 cpus=1\n@@lb error what=insmod-vfat\n');
    expect(e.errors).toEqual(['what=insmod-vfat']);
    expect(e.done).toBe(false);
    expect(parseGuestConsole('Kernel panic - not syncing').booted).toBe(false);
  });

  it('a malformed result line is an error naming the line', () => {
    expect(() => parseGuestConsole('@@lb step=x status=0 ns=1 cntvct=1 cntfrq=1 insn=12a enabled=1 running=1')).toThrow(/malformed result line \(insn=\)/);
    expect(() => parseGuestConsole('@@lb step=x status=0 ns=1 cntvct=1 cntfrq=1 insn=1 user= enabled=1 running=1')).toThrow(/\(user=\)/);
    expect(() => parseGuestConsole('@@lb step=x status=0 cntvct=1 cntfrq=1 insn=1 enabled=1 running=1')).toThrow(/no integer ns=/);
  });

  it('the machine\'s count is one CPU\'s counter, not the sum (QEMU counts all vCPUs in each)', () => {
    expect(machineInstructions(r.steps[1]!)).toBe(199794402);
  });

  it('a figure is the median repetition, with every repetition kept', () => {
    const rep = (instructions: number) => ({ instructions, userInstructions: 0, ns: instructions * 16, cntvctTicks: instructions, bytes: 1, raw: r.steps[0]! });
    expect(medianFigure([rep(30), rep(10), rep(20)])).toMatchObject({ instructions: 20, ns: 320, runs: [30, 10, 20] });
    expect(medianFigure([rep(40), rep(10), rep(30), rep(20)]).instructions).toBe(20);
  });

  it('MB/s is 10^6 bytes per virtual second', () => {
    expect(mbPerS({ bytes: 16_000_000, ns: 2e9 })).toBe(8);
  });
});
