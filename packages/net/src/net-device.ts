/**
 * NetDevice: what the stack needs from a network card. Declared here, on
 * the consumer's side (packages/virtio implements virtio-net against it;
 * src/devices/ has an in-memory wire, a loopback and a scripted device for
 * tests). Implementations match it structurally.
 *
 * Buffers. The stack owns one PacketPool and gives it to the device in
 * `attach`. The device takes receive buffers from that pool ahead of time
 * (virtio-net posts them on its receive queue, header in the headroom, the
 * frame landing at `data()`), and hands each filled one to the stack from
 * `receive()`: the stack parses the frame in place and hands the buffer
 * back with `receiveDone()` (or keeps it while it queues it, and frees it
 * to the pool later). To transmit, the stack builds the frame in
 * a pool buffer with at least `txHeadroom()` bytes free in front (the
 * device's own header goes there, no copy) and hands it over with
 * `transmit()`; the device frees it to the pool when the hardware is done
 * with it (virtio: when the used ring returns it).
 *
 * Events. A device whose interrupt says frames arrived (or transmit space
 * freed) calls `notify.netEvent()` from the interrupt handler; the stack's
 * network thread (net-thread.ts) sleeps until then, or until its next timer.
 * `netEvent` must be cheap and must not take the stack's lock. A device
 * without interrupts (the test wires, a polled driver) may never call it:
 * the stack then finds its frames in `poll()`.
 *
 * Threads. The stack calls receive/transmit/reap from its network thread
 * and from socket calls on any core, always under the stack's lock, so a
 * device sees at most one such call at a time per stack; only its interrupt
 * handler runs concurrently with them (that is its own business, e.g. an
 * IrqSpinLock around its rings).
 */
import { PacketBuf, PacketPool } from './packet';

/** Told, from interrupt context, that a device has something for the stack. */
export interface NetNotify {
  netEvent(): void;
}

export interface NetDevice {
  /** The station (MAC) address, a 48-bit value. */
  macAddress(): number;
  /** The largest payload of an Ethernet frame the device carries (1500). */
  mtu(): number;
  /** Bytes the device needs in front of a frame it transmits (virtio-net: its 12-byte header). At most the pool's headroom minus 64. */
  txHeadroom(): number;
  /**
   * Called once by the stack before anything else: the pool to receive into
   * and to return transmitted buffers to, and whom to tell about events
   * (null: nobody, the stack polls). 0, or a negative NetError (the device
   * failed to start, or the pool's buffers are too small for it).
   */
  attach(pool: PacketPool, notify: NetNotify | null): number;
  /**
   * The next received frame (Ethernet header at data(), len = frame length
   * without the FCS), or null when none is waiting. The caller owns it. The
   * device refills its receive ring from the pool as it sees fit.
   */
  receive(): PacketBuf | null;
  /**
   * The stack is done with a frame receive() gave it and did not keep (the
   * usual case): the device takes the buffer back, to post it again for
   * receiving without a round trip through the pool, or frees it to the pool.
   */
  receiveDone(buf: PacketBuf): void;
  /**
   * Sends the frame at buf.data() (len bytes, Ethernet header first). 0: the
   * device owns the buffer now and frees it to the pool when it is sent.
   * -ENOBUFS: the transmit queue is full and the buffer is still the
   * caller's (the stack drops it and counts it).
   */
  transmit(buf: PacketBuf): number;
  /** Housekeeping from the stack's poll: reap finished transmissions, refill receive buffers. */
  reap(): void;
  /** Frames the device dropped because no receive buffer was free. */
  rxDropped(): number;
}
