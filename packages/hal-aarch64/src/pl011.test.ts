import { beforeEach, describe, expect, it } from 'vitest';
import { mapDevice, resetMachine } from '@unishyper/rt/sim';
import { Pl011 } from './pl011';
import { RX_RING_SIZE } from './receive-ring';
import { SimPl011 } from './sim';

const BASE = 0x0900_0000;
let dev: SimPl011;
let uart: Pl011;

beforeEach(() => {
  resetMachine();
  dev = new SimPl011();
  mapDevice(BASE, 0x1000, dev);
  uart = new Pl011(BASE);
});

function readAll(): number[] {
  const out: number[] = [];
  for (let b = uart.readByte(); b >= 0; b = uart.readByte()) out.push(b);
  return out;
}

describe('PL011 transmit', () => {
  it('writes bytes to UARTDR', () => {
    for (const c of 'ok\n') uart.putByte(c.charCodeAt(0));
    uart.putByte(0x1ff); // the low byte only
    expect(dev.output).toEqual([0x6f, 0x6b, 0x0a, 0xff]);
  });
});

describe('PL011 receive', () => {
  it('polls the FIFO before the receive interrupt is on', () => {
    expect(uart.readByte()).toBe(-1);
    dev.type('a');
    expect(uart.readByte()).toBe(0x61);
    expect(uart.readByte()).toBe(-1);
  });

  it('enables the receive and receive-timeout interrupts', () => {
    uart.enableReceiveInterrupt();
    expect(dev.interruptMask()).toBe((1 << 4) | (1 << 6));
    expect(dev.irqLevel()).toBe(false);
    dev.type('x');
    expect(dev.irqLevel()).toBe(true);
  });

  it('the interrupt drains the FIFO into the ring; readByte returns bytes in order, then -1', () => {
    uart.enableReceiveInterrupt();
    dev.type('h');
    expect(uart.readByte()).toBe(-1); // interrupt-driven: readByte does not touch the device
    uart.handleInterrupt();
    expect(dev.irqLevel()).toBe(false);
    dev.type('i');
    uart.handleInterrupt();
    expect(readAll()).toEqual([0x68, 0x69]);
  });

  it('with the FIFO on, serves the trigger level and the receive timeout', () => {
    dev.write(0x2c, 4, 0x70); // LCR_H: FEN, 8 bits
    uart.enableReceiveInterrupt();
    dev.type('abc'); // below the 1/2 trigger: no RX interrupt yet
    expect(dev.irqLevel()).toBe(false);
    dev.idle(); // receive timeout
    expect(dev.irqLevel()).toBe(true);
    uart.handleInterrupt();
    expect(dev.irqLevel()).toBe(false);
    dev.type('0123456789');
    expect(dev.irqLevel()).toBe(true);
    uart.handleInterrupt();
    expect(dev.pending()).toBe(0);
    expect(String.fromCharCode(...readAll())).toBe('abc0123456789');
  });

  it('drops bytes that arrive with the ring full, and counts them', () => {
    uart.enableReceiveInterrupt();
    for (let i = 0; i < RX_RING_SIZE + 10; i++) {
      dev.type([i & 0xff]);
      uart.handleInterrupt();
    }
    expect(uart.droppedBytes()).toBe(10);
    const got = readAll();
    expect(got).toHaveLength(RX_RING_SIZE);
    expect(got[0]).toBe(0);
    expect(got[RX_RING_SIZE - 1]).toBe((RX_RING_SIZE - 1) & 0xff);
    dev.type('z'); // room again
    uart.handleInterrupt();
    expect(readAll()).toEqual([0x7a]);
  });

  it('keeps wrapping around the ring in order', () => {
    uart.enableReceiveInterrupt();
    const seen: number[] = [];
    for (let i = 0; i < 3 * RX_RING_SIZE; i++) {
      dev.type([i % 251]);
      uart.handleInterrupt();
      if (i % 7 === 0) seen.push(...readAll());
    }
    seen.push(...readAll());
    expect(seen).toEqual(Array.from({ length: 3 * RX_RING_SIZE }, (_, i) => i % 251));
  });

  it('counts bytes received with an error (overrun) and keeps them', () => {
    uart.enableReceiveInterrupt();
    expect(dev.type('ab')).toBe(1); // no FIFO: 'b' overruns
    uart.handleInterrupt();
    dev.type('c'); // read with the overrun flag
    uart.handleInterrupt();
    expect(uart.receiveErrors()).toBe(1);
    expect(readAll()).toEqual([0x61, 0x63]);
  });
});
