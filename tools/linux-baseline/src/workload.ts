// What runs inside the Linux guest. A workload is a few static C programs
// (installed as /bin/<name>), the kernel modules it needs, and a shell
// snippet that /init sources once the modules are loaded. The snippet runs
//
//   step <name> /bin/<program> [args...]
//
// for each figure it wants: step runs /bin/measure, which prints one `@@lb step=...` line with
// the PMU instruction count, CNTVCT ticks and CLOCK_MONOTONIC ns of that
// run (see guest/measure.c), and the runner parses those lines; a non-zero
// exit stops the guest with an error. `fail <what>`
// stops the guest with an error line. Programs may print their own
// `@@<tag> key=value ...` lines; the runner hands them to the workload.

export interface GuestProgram {
  /** Installed as /bin/<name>. */
  name: string;
  /** The C source file, built with aarch64-linux-gnu-gcc -static -O2. */
  source: string;
}

export interface Workload {
  /** Names the initramfs in the cache and the run in messages. */
  name: string;
  programs: GuestProgram[];
  /** Kernel modules by name; their dependencies are added and ordered automatically. */
  modules: string[];
  /** Sourced by /init (busybox sh) after the modules are loaded and before poweroff. */
  script: string;
  /** The guest needs the virtio disk /dev/vda before the script starts. */
  needsDisk?: boolean;
  /** /init brings up lo and eth0 (the virtio-net card) with this static address before the script starts. */
  network?: GuestNetwork;
}

export interface GuestNetwork {
  /** e.g. 10.0.0.2/24 */
  address: string;
  /** The default route, e.g. 10.0.0.1 */
  gateway: string;
}

/** Quotes a word for busybox sh. */
export function shWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}
