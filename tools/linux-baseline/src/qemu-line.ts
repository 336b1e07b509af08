// The QEMU command line for a Linux baseline run. It comes from codegen's
// qemuArgs like every command line in the project (so it carries -nic none);
// what Linux needs on top goes in through extraArgs.
import { checkNetworkArgs, qemuArgs, SEED_NET, virtioNetArgs } from '@unishyper/codegen';

/** The same machine the unikernel's benchmarks boot. */
export const BOARD_ARGS = ['-M', 'virt', '-cpu', 'cortex-a53'];

/**
 * shift=4: 16 ns of virtual time per instruction (the virtual counter, 62.5 MHz,
 * ticks once per instruction). sleep=on: while every CPU idles waiting for the
 * disk, virtual time follows real time instead of jumping to the next timer
 * (sleep=off), which would make the guest's I/O timeouts fire. Idle CPUs run no
 * instructions, so counts are the same either way.
 */
export const ICOUNT = 'shift=4,align=off,sleep=on';

export interface LinuxQemuOptions {
  kernel: string;
  initrd: string;
  /** A raw disk image attached as virtio-blk over virtio-mmio (/dev/vda). */
  disk?: string;
  smp: number;
  memMiB: number;
  /** Extra kernel command-line words. */
  cmdline?: string[];
  /**
   * A virtio-net card on restricted QEMU user networking (the seed's
   * 10.0.0.0/24, host 10.0.0.1), with these TCP ports forwarded from
   * 127.0.0.1 to the guest's 10.0.0.2. Without it the machine has no NIC.
   */
  hostfwd?: { hostPort: number; guestPort: number }[];
}

/** The card's MAC: locally administered, fixed so every boot is the same. */
export const GUEST_MAC = '02:4c:42:00:00:02';

/** Thrown when a network line would break the 127.0.0.1 rule (checked again after building). */
export class NetworkRuleError extends Error {}

/** The card's arguments from codegen's virtioNetArgs: restrict=on, forwards bound to 127.0.0.1, to the guest at SEED_NET's first address. */
export function guestNetArgs(hostfwd: { hostPort: number; guestPort: number }[]): string[] {
  const args = virtioNetArgs({ kind: 'user', ...SEED_NET, hostfwd: hostfwd.map((f) => ({ proto: 'tcp' as const, ...f })) }, GUEST_MAC);
  const problems = checkNetworkArgs(args);
  if (problems.length) throw new NetworkRuleError(`the network arguments break the 127.0.0.1 rule: ${problems.join('; ')}`);
  return args;
}

/**
 * nokaslr: the same kernel layout every boot. panic=-1 with -no-reboot: a
 * kernel panic ends QEMU at once instead of rebooting into the same failure.
 */
export function kernelCmdline(extra: string[] = []): string {
  return ['console=ttyAMA0', 'quiet', 'nokaslr', 'panic=-1', 'rdinit=/init', ...extra].join(' ');
}

export function linuxQemuArgs(o: LinuxQemuOptions): string[] {
  const extraArgs = [
    '-initrd', o.initrd,
    '-append', kernelCmdline(o.cmdline),
    '-no-reboot',
    // Modern virtio-mmio (version 2), as the unikernel's virtio driver requires.
    '-global', 'virtio-mmio.force-legacy=false',
    '-icount', ICOUNT,
  ];
  if (o.disk) extraArgs.push('-drive', `file=${o.disk},if=none,format=raw,id=d0`, '-device', 'virtio-blk-device,drive=d0');
  if (o.hostfwd) {
    const net = guestNetArgs(o.hostfwd);
    // virtioNetArgs brings its own "-global virtio-mmio.force-legacy=false": keep one.
    const g = net.indexOf('-global');
    if (g >= 0 && net[g + 1] === 'virtio-mmio.force-legacy=false') net.splice(g, 2);
    extraArgs.push(...net);
  }
  const args = qemuArgs({ kernel: o.kernel, boardArgs: BOARD_ARGS, smp: o.smp, memory: `${o.memMiB}M`, extraArgs });
  // The whole line too: -nic none from qemuArgs and nothing else that reaches out.
  const problems = checkNetworkArgs(args);
  if (problems.length) throw new NetworkRuleError(`the QEMU line breaks the 127.0.0.1 rule: ${problems.join('; ')}`);
  return args;
}
