// @node-only: a RAM-backed virtio-blk device (virtio 1.2, 5.2) for tests. Not dialect code.
//
// Requests are checked the way a strict device would (header and status
// sizes, buffer directions, sectors inside the disk); a bad one completes
// with VIRTIO_BLK_S_IOERR and is recorded in `errors`. Completion order: at
// once (`mode: 'immediate'`), or held until the test calls completeHeld()
// with the order it wants (`mode: 'held'`): that is how tests get requests
// finishing out of order.
import { readMemory, writeMemory } from '@unishyper/rt/sim';
import { VirtioMmioDevice, type Chain, type VirtioBackend } from './mmio-device';

export const SECTOR = 512;

const T_IN = 0;
const T_OUT = 1;
const T_FLUSH = 4;
const S_OK = 0;
const S_IOERR = 1;
const S_UNSUPP = 2;

const F_SIZE_MAX = 1n << 1n;
const F_SEG_MAX = 1n << 2n;
const F_RO = 1n << 5n;
const F_BLK_SIZE = 1n << 6n;
const F_FLUSH = 1n << 9n;

export interface BlkDeviceOptions {
  /** Disk contents (a copy is not made: the test sees writes). Default 1 MiB of zeros. */
  disk?: Uint8Array;
  readOnly?: boolean;
  /** Offer VIRTIO_BLK_F_FLUSH (default true). */
  flush?: boolean;
  /** Offer SIZE_MAX with this many bytes per segment. */
  sizeMax?: number;
  /** Offer SEG_MAX with this many segments per request. */
  segMax?: number;
  /** Queue size the device allows (default 256, as QEMU). */
  queueMax?: number;
  mode?: 'immediate' | 'held';
  legacy?: boolean;
}

export interface BlkRequestLog {
  type: number;
  sector: number;
  bytes: number;
  segments: number;
}

export class SimBlkDevice implements VirtioBackend {
  readonly deviceId = 2;
  readonly features: bigint;
  readonly config = new Uint8Array(0x40);
  readonly queueMax: number[];
  readonly disk: Uint8Array;
  readonly errors: string[] = [];
  readonly log: BlkRequestLog[] = [];
  mode: 'immediate' | 'held';
  flushes = 0;
  /** Requests in flight the device has not completed (mode 'held'). */
  readonly held: Chain[] = [];
  readonly mmio: VirtioMmioDevice;

  constructor(options: BlkDeviceOptions = {}) {
    this.disk = options.disk ?? new Uint8Array(1 << 20);
    if (this.disk.length % SECTOR !== 0) throw new Error('SimBlkDevice: the disk must be whole sectors');
    let f = F_BLK_SIZE;
    if (options.readOnly) f |= F_RO;
    if (options.flush ?? true) f |= F_FLUSH;
    if (options.sizeMax !== undefined) f |= F_SIZE_MAX;
    if (options.segMax !== undefined) f |= F_SEG_MAX;
    this.features = f;
    this.queueMax = [options.queueMax ?? 256];
    this.mode = options.mode ?? 'immediate';
    const view = new DataView(this.config.buffer);
    view.setBigUint64(0, BigInt(this.disk.length / SECTOR), true);
    view.setUint32(8, options.sizeMax ?? 0, true);
    view.setUint32(12, options.segMax ?? 0, true);
    view.setUint32(20, SECTOR, true);
    this.mmio = new VirtioMmioDevice(this, { legacy: options.legacy ?? false });
  }

  request(device: VirtioMmioDevice, chain: Chain): void {
    if (this.mode === 'held') this.held.push(chain);
    else this.serve(device, chain);
  }

  reset(): void {
    this.held.length = 0;
  }

  /** Completes held requests: all in reverse arrival order by default, or the held indices given. */
  completeHeld(order?: number[]): void {
    const picks = order ?? this.held.map((_, i) => this.held.length - 1 - i);
    const chains = picks.map((i) => this.held[i]!);
    for (const c of chains) this.held.splice(this.held.indexOf(c), 1);
    for (const c of chains) this.serve(this.mmio, c);
  }

  private serve(device: VirtioMmioDevice, chain: Chain): void {
    const segs = chain.segments;
    const head = segs[0];
    const status = segs[segs.length - 1];
    if (!head || !status || segs.length < 2 || head.write || head.len < 16 || !status.write || status.len < 1) {
      this.errors.push(`chain ${chain.head}: not header + data + status`);
      if (status && status.write) writeMemory(status.addr, new Uint8Array([S_IOERR]));
      device.complete(chain, status?.write ? 1 : 0);
      return;
    }
    const h = new DataView(readMemory(head.addr, 16).buffer);
    const type = h.getUint32(0, true);
    const sector = Number(h.getBigUint64(8, true));
    const data = segs.slice(1, -1);
    const bytes = data.reduce((n, s) => n + s.len, 0);
    this.log.push({ type, sector, bytes, segments: data.length });
    let result = S_OK;
    let written = 1;
    if (type === T_IN || type === T_OUT) {
      const start = sector * SECTOR;
      const bad = data.find((s) => s.write !== (type === T_IN));
      const cfg = new DataView(this.config.buffer);
      const sizeMax = cfg.getUint32(8, true);
      const segMax = cfg.getUint32(12, true);
      if (bad) {
        this.errors.push(`chain ${chain.head}: a data buffer with the wrong direction for type ${type}`);
        result = S_IOERR;
      } else if (bytes % SECTOR !== 0 || start + bytes > this.disk.length) {
        this.errors.push(`chain ${chain.head}: ${bytes} bytes at sector ${sector} do not fit the ${this.disk.length / SECTOR}-sector disk`);
        result = S_IOERR;
      } else if ((this.features & F_SIZE_MAX) !== 0n && data.some((s) => s.len > sizeMax)) {
        this.errors.push(`chain ${chain.head}: a segment larger than size_max ${sizeMax}`);
        result = S_IOERR;
      } else if ((this.features & F_SEG_MAX) !== 0n && data.length > segMax) {
        this.errors.push(`chain ${chain.head}: ${data.length} segments, more than seg_max ${segMax}`);
        result = S_IOERR;
      } else if (type === T_OUT && (this.features & F_RO) !== 0n) {
        result = S_IOERR;
      } else {
        let at = start;
        for (const s of data) {
          if (type === T_IN) writeMemory(s.addr, this.disk.subarray(at, at + s.len));
          else this.disk.set(readMemory(s.addr, s.len), at);
          at += s.len;
        }
        if (type === T_IN) written += bytes;
      }
    } else if (type === T_FLUSH) {
      this.flushes++;
    } else {
      result = S_UNSUPP;
    }
    writeMemory(status.addr, new Uint8Array([result]));
    device.complete(chain, written);
  }
}
