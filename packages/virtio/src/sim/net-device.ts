// @node-only: a virtio-net device (virtio 1.2, 5.1) for tests. Not dialect code.
//
// Receive: frames a test (or a connected peer) delivers go into the next
// buffer the driver posted, after a 12-byte header; with none posted the
// frame is dropped and counted, as a real card does. Transmit: each chain
// is checked (a 12-byte header, readable buffers) and the frame after the
// header is recorded, or handed to the peer device it is connected to.
import { readMemory, writeMemory } from '@unishyper/rt/sim';
import { VirtioMmioDevice, type Chain, type VirtioBackend } from './mmio-device';

const F_MAC = 1n << 5n;
const F_STATUS = 1n << 16n;
const HDR = 12;

export interface NetDeviceOptions {
  /** The MAC in the configuration space (default 52:54:00:12:34:56). */
  mac?: number;
  /** Offer VIRTIO_NET_F_MAC (default true). */
  offerMac?: boolean;
  /** Queue sizes the device allows (default 256, as QEMU). */
  queueMax?: number;
}

export class SimNetDevice implements VirtioBackend {
  readonly deviceId = 1;
  readonly features: bigint;
  readonly config = new Uint8Array(16);
  readonly queueMax: number[];
  readonly mmio: VirtioMmioDevice;
  /** Frames the driver sent (when no peer is connected). */
  readonly sent: Uint8Array[] = [];
  readonly errors: string[] = [];
  /** Frames that found no posted receive buffer. */
  dropped = 0;
  private readonly rxPosted: Chain[] = [];
  private peer: SimNetDevice | null = null;

  constructor(options: NetDeviceOptions = {}) {
    this.features = (options.offerMac ?? true) ? F_MAC | F_STATUS : F_STATUS;
    const mac = options.mac ?? 0x52_54_00_12_34_56;
    for (let i = 0; i < 6; i++) this.config[i] = Math.floor(mac / 2 ** (8 * (5 - i))) & 0xff;
    this.config[6] = 1; // VIRTIO_NET_S_LINK_UP
    this.queueMax = [options.queueMax ?? 256, options.queueMax ?? 256];
    this.mmio = new VirtioMmioDevice(this);
  }

  /** Frames this device sends are delivered to `other` (and its to this one). */
  connect(other: SimNetDevice): void {
    this.peer = other;
    other.peer = this;
  }

  /** Receive buffers the driver has posted and the device has not filled. */
  postedCount(): number {
    return this.rxPosted.length;
  }

  request(device: VirtioMmioDevice, chain: Chain): void {
    if (chain.queue === 0) {
      const s = chain.segments;
      if (s.length !== 1 || !s[0]!.write || s[0]!.len < HDR + 1514) this.errors.push(`receive chain ${chain.head}: not one writable buffer for a full frame`);
      this.rxPosted.push(chain);
      return;
    }
    const bytes = Buffer.concat(chain.segments.map((s) => {
      if (s.write) this.errors.push(`transmit chain ${chain.head}: a device-writable buffer`);
      return Buffer.from(readMemory(s.addr, s.len));
    }));
    if (bytes.length < HDR + 14) this.errors.push(`transmit chain ${chain.head}: ${bytes.length} bytes, less than a header and a frame`);
    if (bytes.subarray(0, HDR).some((b) => b !== 0)) this.errors.push(`transmit chain ${chain.head}: a header that asks for offloads`);
    device.complete(chain, 0);
    const frame = new Uint8Array(bytes.subarray(HDR));
    if (this.peer) this.peer.deliver(frame);
    else this.sent.push(frame);
  }

  /** A frame from the wire: into the next posted buffer, after the header; false (dropped) when none is posted. */
  deliver(frame: Uint8Array): boolean {
    const chain = this.rxPosted.shift();
    if (!chain) {
      this.dropped++;
      return false;
    }
    const seg = chain.segments[0]!;
    const hdr = new Uint8Array(HDR);
    hdr[10] = 1; // num_buffers
    writeMemory(seg.addr, hdr);
    writeMemory(seg.addr + HDR, frame.subarray(0, seg.len - HDR));
    this.mmio.complete(chain, HDR + frame.length);
    return true;
  }

  reset(): void {
    this.rxPosted.length = 0;
  }
}
