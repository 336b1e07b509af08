/**
 * No image boots with a network device it did not ask for. QEMU's `virt`
 * machine adds a PCI NIC by default, and that NIC's option ROM comes from
 * Debian's ipxe-qemu, which `--no-install-recommends` leaves out: on a fresh
 * machine every boot then fails with `failed to find romfile "efi-virtio.rom"`.
 *
 * Three checks: no source but image/qemu.ts spells out a QEMU boot command
 * line (so every one comes from qemuArgs); every builder's line carries
 * `-nic none`; and QEMU itself, started the way `unishyper qemu` starts it,
 * reports no NIC (with a control showing the same question does see the
 * default one when `-nic none` is left out).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_DEFAULT_NIC, buildImage, qemuArgs, qemuBinary } from '../../src/index.js';
import { connectQmp, qmpArgs, virtQemuArgs } from '../../src/testing.js';
import { qemuArgs as benchQemuArgs } from '../../bench/lib/qemu.js';
import { EXIT_STATUS_APP, cli, show, sourceLines } from './helpers.js';

/** The one place a boot command line is written, and tests that check its exact output. */
const ALLOWED = new Set(['tools/codegen/src/image/qemu.ts', 'tools/codegen/test/image/qemu-args.test.ts', 'tools/codegen/test/image/no-default-nic.test.ts']);

/** True when `args` would give QEMU a network device: no `-nic none`, or a NIC named some other way. */
function nicProblems(args: string[]): string[] {
  const problems: string[] = [];
  const i = args.findIndex((a, k) => a === NO_DEFAULT_NIC[0] && args[k + 1] === NO_DEFAULT_NIC[1]);
  if (i < 0) problems.push('no `-nic none`');
  args.forEach((a, k) => {
    if ((a === '-net' || a === '-nic') && args[k + 1] !== 'none') problems.push(`${a} ${args[k + 1]}`);
    if (a === '-netdev' || /^(virtio-net|e1000|rtl8139)/.test(a)) problems.push(a);
  });
  return problems;
}

describe('QEMU command lines have no default network device', () => {
  it('no source outside image/qemu.ts builds a QEMU boot command line by hand (-kernel)', () => {
    const offenders: string[] = [];
    for (const { file, line, text } of sourceLines()) {
      if (!ALLOWED.has(file) && /(['"`]-kernel['"`]|\s-kernel\s)/.test(text)) offenders.push(`${file}:${line}: ${text.trim()}`);
    }
    expect(offenders, `build these command lines with qemuArgs (tools/codegen/src/image/qemu.ts):\n${offenders.join('\n')}`).toEqual([]);
  });

  it('every builder (qemu, debug, test boots, benchmarks) passes -nic none and names no NIC', () => {
    const board = ['-M', 'virt', '-cpu', 'cortex-a53'];
    const lines: Record<string, string[]> = {
      'unishyper qemu': qemuArgs({ kernel: 'a.elf', boardArgs: board }),
      'unishyper qemu --smp --memory --gic --el2': qemuArgs({ kernel: 'a.elf', boardArgs: board, smp: 4, memory: '1G', gic: 3, el2: true }),
      'unishyper debug': qemuArgs({ kernel: 'a.elf', boardArgs: board, gdbPort: 1234, waitForDebugger: true }),
      'test boots (virtQemuArgs)': virtQemuArgs('a.elf', { gic: 2, icount: true }),
      'compiler benchmarks': benchQemuArgs('a.elf'),
    };
    for (const [name, args] of Object.entries(lines)) expect(nicProblems(args), `${name}: ${args.join(' ')}`).toEqual([]);
    // The check itself: a line without -nic none, or with a NIC, is caught.
    expect(nicProblems(['-M', 'virt', '-kernel', 'a.elf'])).toEqual(['no `-nic none`']);
    expect(nicProblems([...NO_DEFAULT_NIC, '-nic', 'user'])).toEqual(['-nic user']);
  });
});

describe('QEMU, asked through QMP, made no network device', () => {
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unishyper-nic-'));
    await buildImage({ appDir: EXIT_STATUS_APP, outDir: dir });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Network lines of `info network` (a NIC shows as "<id>: index=..,type=nic,model=.."), and PCI functions of class network (0x02xx). */
  async function networkDevices(socket: string): Promise<{ info: string; pciNics: string[] }> {
    const qmp = await connectQmp(socket);
    try {
      const info = (await qmp.hmp('info network')).trim();
      const buses = (await qmp.execute('query-pci')) as { devices: { class_info: { class: number; desc?: string }; qdev_id: string; id: { device: number } }[] }[];
      const pciNics = buses.flatMap((b) => b.devices).filter((d) => d.class_info.class >> 8 === 0x02).map((d) => `${d.class_info.desc ?? 'network'} ${d.qdev_id}`);
      await qmp.execute('quit').catch(() => {});
      return { info, pciNics };
    } finally {
      qmp.close();
    }
  }

  it('the machine `unishyper qemu <app>` boots has no NIC', async () => {
    const socket = path.join(dir, 'qmp-app.sock');
    // -S: the CPUs stay stopped while we ask; quit over QMP ends the run.
    const run = cli(['qemu', EXIT_STATUS_APP, '--no-build', '--out-dir', dir, '--timeout', '60', '--qemu-args', ['-S', ...qmpArgs(socket)].join(' ')]);
    const asked = await Promise.race([networkDevices(socket), run.then((r) => new Error(`QEMU ended before it could be asked:\n${show(r)}`))]).catch((e: Error) => e);
    const r = await run;
    if (asked instanceof Error) throw new Error(`${asked.message}\n${show(r)}`);
    const { info, pciNics } = asked;
    expect(r.stderr, show(r)).toContain('-nic none');
    expect(info, 'info network').not.toMatch(/type=nic|model=/);
    expect(pciNics).toEqual([]);
  });

  it('control: without -nic none the same question finds the default NIC (or QEMU cannot start for want of its ROM)', async () => {
    const socket = path.join(dir, 'qmp-control.sock');
    const args = qemuArgs({ kernel: path.join(dir, 'exit-status.elf'), boardArgs: ['-M', 'virt', '-cpu', 'cortex-a53'], extraArgs: ['-S', ...qmpArgs(socket)] });
    const k = args.indexOf('-nic');
    expect(args[k + 1]).toBe('none');
    args.splice(k, 2);
    const child = spawn(qemuBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const found = await Promise.race([networkDevices(socket).then((d) => ({ devices: d })), exited.then((code) => ({ code }))]).catch(async () => ({ code: await exited }));
    if ('code' in found) {
      // No ipxe-qemu on this machine: exactly the failure -nic none avoids.
      expect(stderr).toMatch(/failed to find romfile "efi-virtio\.rom"/);
    } else {
      expect(found.devices.info).toMatch(/model=virtio-net-pci/);
      expect(found.devices.pciNics.length).toBe(1);
    }
    child.kill('SIGKILL');
    await exited;
  });
});
