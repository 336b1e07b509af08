/**
 * The app configuration: `unishyper.config.ts` in each app is
 *
 *     import { defineApp } from '@unishyper/codegen/config';
 *     export default defineApp({ board: 'virt', features: ['mm'] });
 *
 * This file is the one place boards and features are declared; a wrong name
 * is a type error in the editor before it is a build error.
 */

/** Boards an image can target, and the package implementing each. */
export const BOARDS = {
  /** QEMU `virt` (-M virt -cpu cortex-a53): PL011, GICv2/v3, PSCI over HVC. */
  virt: '@unishyper/board-virt',
  /** Raspberry Pi 3 Model B (-M raspi3b): PL011 UART0, BCM2836/BCM2835 interrupt controllers, spin-table cores. */
  raspi3b: '@unishyper/board-raspi3b',
  /** A guest of the shyper hypervisor (NS16550, GICv2, PSCI and unilib over HVC), run under the EL2 stub in board-shyper/stub on QEMU virt. */
  shyper: '@unishyper/board-shyper',
  /** NVIDIA Jetson TX2 (built and checked, not run): NS16550 UARTA, GIC-400, PSCI over SMC; booted by u-boot at 0x8008_0000. */
  tx2: '@unishyper/board-tx2',
} as const;

/** Features an app can enable, and the package providing each. */
export const FEATURES = {
  /** Frame allocator and kernel heap with statistics (always linked: the kernel needs a heap). */
  mm: '@unishyper/mm',
  /** Threads on every core: spawn, sleep, join, kill, per-core run queues, guarded stacks. */
  threads: '@unishyper/sched',
  /** Spinlocks, mutex, semaphore, condition variable, rwlock, channel. */
  sync: '@unishyper/sync',
  /** virtio-mmio devices: virtio-blk (the app's `disks`). */
  virtio: '@unishyper/virtio',
  /** The file system layer: mounts, paths, descriptors, a RAM file system at `/`. */
  fs: '@unishyper/vfs',
  /** FAT12/16/32 with long names, mounted through `fs` (the seed's "fat" feature). */
  fat: '@unishyper/fatfs',
  /** The TCP/IP stack: Ethernet, ARP, IPv4, ICMP, UDP, TCP, DHCP; sockets (the seed's "tcp" feature). */
  net: '@unishyper/net',
  /** The shell on the console: line editor, history, completion, the commands of the other features (the seed's "terminal"). */
  terminal: '@unishyper/terminal',
  /** Unilib-FS: file operations offloaded to the host (semihosting on QEMU) or the hypervisor, at /unilibfs (the app's `unilib`). */
  unilib: '@unishyper/unilib',
} as const;

export type BoardName = keyof typeof BOARDS;
export type FeatureName = keyof typeof FEATURES;

/** What the host serves to the guest's /unilibfs. */
export interface UnilibConfig {
  /** The directory, relative to the app directory (made when missing). The guest sees it and nothing outside it. */
  dir: string;
}

/** File systems a new disk image can be made with (mkfs.fat -F 12/16/32), or 'none' for zeros. */
export const DISK_FORMATS = ['fat32', 'fat16', 'fat12', 'none'] as const;
export type DiskFormat = (typeof DISK_FORMATS)[number];

/** A disk the app boots with: on QEMU, a virtio-blk device over a raw image file. */
export interface DiskConfig {
  /** The image file, relative to the app directory (default 'disk.img'). Made when missing; an existing one is used as it is. */
  image?: string;
  /** Size of a new image in MiB (default 64). */
  sizeMiB?: number;
  /** What a new image holds (default 'fat32', as the seed's `mkfs.fat -F 32`). */
  format?: DiskFormat;
  /** The guest may not write it (virtio-blk VIRTIO_BLK_F_RO). */
  readOnly?: boolean;
}

/** A port of the host (on 127.0.0.1) forwarded to one of the guest's. */
export interface PortForward {
  proto?: 'tcp' | 'udp';
  /** The host's port on 127.0.0.1. */
  host: number;
  /** The guest's port. */
  guest: number;
}

/**
 * The app's network card: virtio-net on QEMU user networking, restricted
 * (the guest reaches nothing but the forwards named), on the seed's subnet:
 * 10.0.0.0/24, gateway 10.0.0.1, the guest 10.0.0.2 (by DHCP or statically).
 */
/** Where a guest's connection goes: the guest connects to `guest` ('10.0.0.2:7'), QEMU to 127.0.0.1:`host`. */
export interface GuestForward {
  /** The address and port the guest connects to, on 10.0.0.0/24 (not 10.0.0.1, the host, nor 10.0.0.3, QEMU's DNS). */
  guest: string;
  /** The port on 127.0.0.1 QEMU connects to. It connects once, when QEMU starts: something must listen there by then, and it carries one guest connection. */
  host: number;
}

export interface NetworkConfig {
  /** Host ports on 127.0.0.1 forwarded to the guest. */
  forwards?: PortForward[];
  /** The guest's TCP connections to an address:port, forwarded to 127.0.0.1 (QEMU's guestfwd). */
  guestForwards?: GuestForward[];
  /** The card's MAC (default the seed's 48:b0:2d:0e:6e:9e). */
  mac?: string;
}

export interface AppConfig {
  /** The board the image boots on. */
  board: BoardName;
  /** Kernel features linked into the image; each one's package must be a dependency of the app. */
  features?: FeatureName[];
  /** Disks, in order: the first one is the first virtio-blk device the kernel finds. */
  disks?: DiskConfig[];
  /** A network card (none without it: QEMU gets -nic none either way). */
  network?: NetworkConfig;
  /** The host directory unilib serves at /unilibfs (needs the `unilib` feature). */
  unilib?: UnilibConfig;
}

export function defineApp(config: AppConfig): AppConfig {
  return config;
}
