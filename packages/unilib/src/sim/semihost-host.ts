// @node-only: the host side of Arm semihosting file operations, as QEMU
// does them, over a real directory of the machine running the tests. Not
// dialect code. Install with hal-aarch64/sim's installFirmware.
import fs from 'node:fs';
import { constants as os } from 'node:os';
import { readMemory, writeMemory } from '@unishyper/rt/sim';
import { putU64, u64At } from './guest-memory';
import type { SimFirmware } from '@unishyper/hal-aarch64/sim';

const FOPEN_MODES = ['r', 'r', 'r+', 'r+', 'w', 'w', 'w+', 'w+', 'a', 'a', 'a+', 'a+'];


export class SimSemihostHost {
  /** Host errno of the last failed call. */
  errno = 0;
  /** Every operation number, in order. */
  readonly ops: number[] = [];
  private readonly files = new Map<number, { fd: number; pos: number }>();
  private next = 1;

  /** `cmdline` is what SYS_GET_CMDLINE returns (QEMU's -semihosting-config arg). */
  constructor(private readonly cmdline: string) {}

  firmware(base: SimFirmware): SimFirmware {
    return { call: base.call, semihost: (op, arg) => this.semihost(op, arg) };
  }

  /** Handles still open on the host side. */
  openCount(): number {
    return this.files.size;
  }

  semihost(op: number, arg: number): number {
    this.ops.push(op);
    try {
      return this.run(op, arg);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
      this.errno = (os.errno as Record<string, number>)[code] ?? os.errno.EIO;
      return -1;
    }
  }

  private path(addr: number, len: number): string {
    return new TextDecoder().decode(readMemory(addr, len));
  }

  private file(h: number): { fd: number; pos: number } {
    const f = this.files.get(h);
    if (!f) throw Object.assign(new Error('bad handle'), { code: 'EBADF' });
    return f;
  }

  private run(op: number, arg: number): number {
    switch (op) {
      case 0x15: { // SYS_GET_CMDLINE
        const bytes = new TextEncoder().encode(this.cmdline);
        if (bytes.length + 1 > u64At(arg + 8)) return -1;
        writeMemory(u64At(arg), new Uint8Array([...bytes, 0]));
        putU64(arg + 8, bytes.length);
        return 0;
      }
      case 0x01: { // SYS_OPEN
        const fd = fs.openSync(this.path(u64At(arg), u64At(arg + 16)), FOPEN_MODES[u64At(arg + 8)]!);
        const h = this.next++;
        this.files.set(h, { fd, pos: 0 });
        return h;
      }
      case 0x02: { // SYS_CLOSE
        fs.closeSync(this.file(u64At(arg)).fd);
        this.files.delete(u64At(arg));
        return 0;
      }
      case 0x0a: { // SYS_SEEK
        this.file(u64At(arg)).pos = u64At(arg + 8);
        return 0;
      }
      case 0x06: { // SYS_READ: returns the bytes not read
        const f = this.file(u64At(arg));
        const len = u64At(arg + 16);
        const buf = new Uint8Array(len);
        const n = fs.readSync(f.fd, buf, 0, len, f.pos);
        writeMemory(u64At(arg + 8), buf.subarray(0, n));
        f.pos += n;
        return len - n;
      }
      case 0x05: { // SYS_WRITE: returns the bytes not written
        const f = this.file(u64At(arg));
        const len = u64At(arg + 16);
        const n = fs.writeSync(f.fd, readMemory(u64At(arg + 8), len), 0, len, f.pos);
        f.pos += n;
        return len - n;
      }
      case 0x0c: // SYS_FLEN
        return fs.fstatSync(this.file(u64At(arg)).fd).size;
      case 0x0e: // SYS_REMOVE
        fs.unlinkSync(this.path(u64At(arg), u64At(arg + 8)));
        return 0;
      case 0x0f: // SYS_RENAME
        fs.renameSync(this.path(u64At(arg), u64At(arg + 8)), this.path(u64At(arg + 16), u64At(arg + 24)));
        return 0;
      case 0x13: // SYS_ERRNO
        return this.errno;
    }
    throw Object.assign(new Error(`semihosting operation 0x${op.toString(16)}`), { code: 'ENOSYS' });
  }
}
