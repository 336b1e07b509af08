// The network workload's guest side, without booting: the console lines
// netbench prints, the /init network set-up, the QEMU network arguments.
import { describe, expect, it } from 'vitest';
import { checkNetworkArgs } from '@unishyper/codegen';
import { ConsoleWatch } from '../src/console-watch.js';
import { localIncludes } from '../src/guest-build.js';
import { initScript } from '../src/init-script.js';
import { netWorkload } from '../src/net.js';
import { GUEST_MAC, linuxQemuArgs } from '../src/qemu-line.js';
import { parseGuestConsole } from '../src/results.js';

const after = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('netbench console lines', () => {
  const r = parseGuestConsole(
    [
      '@@lb boot uptime=13.5 cpus=1',
      '@@lb net ready echo=7 bulk=9 http=80 control=9000',
      '@@lb net phase=echo.1 ns=93701968 cntvct=5856306 cntfrq=62500000 insn=5856666 user=97449 enabled=187507936 running=187507936 conns=0 rx=12800 tx=12800 reqs=0\r',
      '@@lb done',
    ].join('\n'),
  );

  it('the ready line and each phase line with its counters and the services\' counts', () => {
    expect(r.netReady).toBe(true);
    expect(r.netPhases).toEqual([
      { phase: 'echo.1', ns: 93701968, cntvct: 5856306, cntfrq: 62500000, insnPerCpu: [5856666], userPerCpu: [97449], enabled: 187507936, running: 187507936, conns: 0, rx: 12800, tx: 12800, reqs: 0 },
    ]);
    expect(r.steps).toEqual([]);
  });

  it('a phase line without the services\' counts is malformed', () => {
    expect(() => parseGuestConsole('@@lb net phase=x ns=1 cntvct=1 cntfrq=1 insn=1 enabled=1 running=1 conns=0 rx=0 tx=0')).toThrow(/no integer reqs=/);
  });
});

describe('the network workload in the guest', () => {
  const w = netWorkload();
  const lines = initScript([{ name: 'virtio_mmio' }, { name: 'failover' }, { name: 'net_failover' }, { name: 'virtio_net' }], w.script, { network: w.network }).split('\n');
  const at = (re: RegExp) => lines.findIndex((l) => re.test(l));

  it('/init brings up lo and eth0 at 10.0.0.2/24 via 10.0.0.1 after the modules, before the workload', () => {
    expect(w.network).toEqual({ address: '10.0.0.2/24', gateway: '10.0.0.1' });
    expect(at(/ip link set lo up/)).toBeGreaterThan(at(/insmod .*virtio_net/));
    expect(lines[at(/ip addr add/)]).toBe('ip addr add 10.0.0.2/24 dev eth0 || fail ip-addr');
    expect(lines[at(/ip route add/)]).toBe('ip route add default via 10.0.0.1 || fail ip-route');
    expect(at(/\/sys\/class\/net\/eth0 \] \|\| fail no-eth0/)).toBeLessThan(at(/ip addr add/));
    expect(at(/^\. \/workload.sh/)).toBeGreaterThan(at(/ip route add/));
    expect(w.script).toContain('/bin/netbench || fail netbench-exit-$?');
    expect(w.modules).toEqual(['virtio_mmio', 'virtio_net']);
  });

  it('/init has no network set-up for a workload without one', () => {
    expect(initScript([], 'true\n').includes('ip addr')).toBe(false);
  });
});

describe('the QEMU line with a network card', () => {
  const args = linuxQemuArgs({ kernel: 'k', initrd: 'i', smp: 1, memMiB: 256, hostfwd: [{ hostPort: 40001, guestPort: 7 }, { hostPort: 40002, guestPort: 9000 }] });
  const netdev = args.find((a) => a.startsWith('user,'))!;

  it('is restricted user networking on the seed subnet, forwards bound to 127.0.0.1, still -nic none', () => {
    expect(netdev).toBe('user,id=net0,restrict=on,net=10.0.0.0/24,host=10.0.0.1,dhcpstart=10.0.0.2,hostfwd=tcp:127.0.0.1:40001-:7,hostfwd=tcp:127.0.0.1:40002-:9000');
    expect(args).toContain(`virtio-net-device,netdev=net0,mac=${GUEST_MAC}`);
    expect(after(args, '-nic')).toBe('none');
    expect(after(args, '-icount')).toBe('shift=4,align=off,sleep=on');
    expect(checkNetworkArgs(args)).toEqual([]);
  });

  it('a forward to a port that is not one is refused before QEMU starts', () => {
    expect(() => linuxQemuArgs({ kernel: 'k', initrd: 'i', smp: 1, memMiB: 256, hostfwd: [{ hostPort: 70000, guestPort: 7 }] })).toThrow(/hostfwd host port must be a TCP\/UDP port/);
  });
});

describe('ConsoleWatch', () => {
  it('resolves on a complete matching line, now or later', async () => {
    const w = new ConsoleWatch();
    w.push('boot\n@@lb net rea');
    const later = w.waitFor(/@@lb net ready/, 1000);
    w.push('dy echo=7\n');
    await expect(later).resolves.toBe('@@lb net ready echo=7');
    await expect(w.waitFor(/^boot$/, 1000)).resolves.toBe('boot');
  });

  it('fails when QEMU exits first, or on timeout', async () => {
    const w = new ConsoleWatch();
    const waiting = w.waitFor(/never/, 1000);
    w.end('QEMU exited');
    await expect(waiting).rejects.toThrow(/stopped before printing \/never\/: QEMU exited/);
    await expect(new ConsoleWatch().waitFor(/never/, 10)).rejects.toThrow(/no line matching \/never\/ within 0.01 s/);
  });
});

it('guest programs are keyed by the headers they include too', () => {
  expect(localIncludes('/g/netbench.c', '#include "pmu.h"\n#include <poll.h>\n  #  include "x.h"\n')).toEqual(['/g/pmu.h', '/g/x.h']);
});

it('the network line keeps one -global virtio-mmio.force-legacy=false', () => {
  const args = linuxQemuArgs({ kernel: 'k', initrd: 'i', smp: 1, memMiB: 256, hostfwd: [{ hostPort: 40001, guestPort: 7 }] });
  expect(args.filter((a) => a === 'virtio-mmio.force-legacy=false')).toHaveLength(1);
});

it('a phase line may carry eth0 frame counts', () => {
  const [p] = parseGuestConsole('@@lb net phase=echo.1 ns=1 cntvct=1 cntfrq=1 insn=1 enabled=1 running=1 conns=0 rx=0 tx=0 reqs=0 frames_in=244 frames_out=200').netPhases;
  expect(p).toMatchObject({ framesIn: 244, framesOut: 200 });
});
