// @node-only: the interrupt side of a simulated core, for tests. Not dialect code.
//
// Under Node nothing interrupts a running function by itself. SimCpu takes
// interrupts where a real core could: whenever the kernel reads the counter
// (CNTVCT_EL0, which also advances it by `counterStep` ticks), whenever it
// writes DAIF (unmasking takes a pending interrupt at once) or programs the
// virtual timer (a deadline in the past fires at once), as long as
// PSTATE.I is clear and the GIC model signals IRQ. Taking one is what the
// exception entry does: DAIF fully masked, halTrap(frame, 5) (IRQ, current EL
// with SP_ELx), then DAIF restored as by eret. It also owns the counter and
// drives the virtual timer's output line from CNTV_CTL_EL0/CNTV_CVAL_EL0.
import { getSysreg, hookSysreg, ramWindow, setSysreg } from '@unishyper/rt/sim';
import { halTrap } from '../trap';

/** What the core needs from an interrupt controller model. */
export interface IrqSignal {
  irqSignalled(core: number): boolean;
  connectLine(id: number, level: () => boolean, core?: number): void;
}

export interface SimCpuOptions {
  /** Ticks CNTVCT_EL0 advances on every read (default 100). */
  counterStep?: number;
  /** Core index this CPU is (default 0). */
  core?: number;
  /** Address of the 288-byte trap frame passed to halTrap (default: 4 KiB below the simulated heap). */
  frame?: number;
}

const DAIF_I = 0x80n;
/** Interrupts one poll may take before the model calls it a storm. */
const STORM_LIMIT = 10_000;

export class SimCpu {
  /** The virtual counter. */
  ticks = 0n;
  /** Interrupt exceptions taken. */
  taken = 0;
  /** Ticks CNTVCT_EL0 advances on every read; tests may change it. */
  counterStep: bigint;
  readonly core: number;
  private readonly frame: number;
  private inException = false;

  constructor(
    readonly gic: IrqSignal,
    options: SimCpuOptions = {},
  ) {
    this.counterStep = BigInt(options.counterStep ?? 100);
    this.core = options.core ?? 0;
    const ram = ramWindow();
    this.frame = options.frame ?? ram.base + Math.floor(ram.size / 4) - 0x1000;
  }

  /** Hooks CNTVCT_EL0 and DAIF and connects the virtual timer to PPI `timerIrq` of the GIC model. */
  install(timerIrq = 27): this {
    hookSysreg('CNTVCT_EL0', {
      read: () => {
        this.ticks += this.counterStep;
        this.poll();
        return this.ticks;
      },
    });
    hookSysreg('DAIF', {
      write: (v) => {
        setSysreg('DAIF', v & 0x3c0n);
        this.poll();
      },
    });
    hookSysreg('CNTV_CTL_EL0', {
      read: () => {
        const ctl = getSysreg('CNTV_CTL_EL0') & 3n;
        return (ctl & 1n) === 1n && this.ticks >= getSysreg('CNTV_CVAL_EL0') ? ctl | 4n : ctl;
      },
      write: (v) => {
        setSysreg('CNTV_CTL_EL0', v & 3n);
        this.poll();
      },
    });
    hookSysreg('CNTV_CVAL_EL0', {
      write: (v) => {
        setSysreg('CNTV_CVAL_EL0', v);
        this.poll();
      },
    });
    this.gic.connectLine(timerIrq, () => this.virtualTimerLevel(), this.core);
    return this;
  }

  /** The EL1 virtual timer's output: enabled, not masked, and the counter at or past CVAL. */
  virtualTimerLevel(): boolean {
    const ctl = getSysreg('CNTV_CTL_EL0');
    return (ctl & 1n) === 1n && (ctl & 2n) === 0n && this.ticks >= getSysreg('CNTV_CVAL_EL0');
  }

  /** True when PSTATE.I is clear. */
  irqsUnmasked(): boolean {
    return (getSysreg('DAIF') & DAIF_I) === 0n;
  }

  /** Moves the counter forward by `ticks`, then takes what became pending. */
  advance(ticks: number | bigint): number {
    this.ticks += BigInt(ticks);
    return this.poll();
  }

  /** Takes every interrupt the GIC signals while IRQs are unmasked; returns how many. */
  poll(): number {
    if (this.inException) return 0;
    let n = 0;
    while (this.irqsUnmasked() && this.gic.irqSignalled(this.core)) {
      if (++n > STORM_LIMIT) throw new Error(`interrupt storm: the GIC still signals IRQ after ${STORM_LIMIT} exceptions`);
      this.takeIrq();
    }
    return n;
  }

  private takeIrq(): void {
    const saved = getSysreg('DAIF');
    setSysreg('DAIF', 0x3c0n);
    this.inException = true;
    this.taken++;
    try {
      halTrap(this.frame, 5);
    } finally {
      this.inException = false;
      setSysreg('DAIF', saved);
    }
  }
}
