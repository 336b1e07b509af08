// Single inheritance: super(...) in constructors, inherited fields and
// methods, overridden methods, super.method() calls.
import { kprint } from '@unishyper/rt';

class Device {
  name: string;
  irq: number;
  opened: number;

  constructor(name: string, irq: number) {
    this.name = name;
    this.irq = irq;
    this.opened = 0;
  }

  open(): void {
    this.opened++;
    kprint`Device.open ${this.name} (#${this.opened})\n`;
  }

  describe(): string {
    return 'generic device';
  }

  report(): void {
    kprint`${this.name}: irq ${this.irq}, ${this.describe()}, opened ${this.opened}\n`;
  }
}

class Uart extends Device {
  baud: number;

  constructor(name: string, irq: number, baud: number) {
    super(name, irq);
    this.baud = baud;
  }

  override open(): void {
    kprint`Uart.open at ${this.baud} baud\n`;
    super.open();
  }

  override describe(): string {
    return 'uart';
  }

  setBaud(b: number): void {
    this.baud = b;
  }
}

class Timer extends Device {
  ticks = 0;
  constructor(irq: number) {
    super('timer', irq);
  }
  tick(n: number): void {
    this.ticks += n;
  }
}

export function main(): void {
  const d = new Device('null', 0);
  d.open();
  d.report();
  const u = new Uart('pl011', 33, 115200);
  u.open();
  u.setBaud(9600);
  u.open();
  u.report();
  kprint`uart inherits fields: name ${u.name}, irq ${u.irq}\n`;
  const t = new Timer(27);
  t.tick(3);
  t.tick(4);
  t.open();
  t.report();
  kprint`timer ticks ${t.ticks}\n`;
}
