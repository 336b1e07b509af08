// @node-only: the hypervisor's side of unilib's HVC 0x12 (every event,
// READDIR, MKDIR and RMDIR included), served from a real directory of the
// machine running the tests: what a shyper hypervisor with directory access
// does, and what board-shyper's EL2 stub (stub/unilib.c) cannot do through
// semihosting. The argument blocks are the stub's, documented there. Not
// dialect code. Install with hal-aarch64/sim's installFirmware; other HVC
// and SMC functions (PSCI) go to the firmware given.
import fs from 'node:fs';
import { constants as os } from 'node:os';
import path from 'node:path';
import { readMemory, writeMemory } from '@unishyper/rt/sim';
import { putU64, u64At } from './guest-memory';
import type { SimFirmware } from '@unishyper/hal-aarch64/sim';

const UNILIB_FUNCTION = 0x12n;
const KIND_FILE = 1;
const KIND_DIRECTORY = 2;
const OPEN_MODES = ['r', 'r+', 'w+'];

/** A failure carrying the Linux errno the guest gets back. */
function fail(code: keyof typeof os.errno): never {
  throw Object.assign(new Error(code), { code });
}


export class SimUnilibHypervisor {
  /** Every event, in order. */
  readonly events: number[] = [];
  private readonly files = new Map<number, { fd: number; pos: number }>();
  private next = 1;
  private readonly root: string | null;

  /** `dir` is the served directory; null serves none (INIT answers ENODEV). */
  constructor(dir: string | null) {
    this.root = dir === null ? null : fs.realpathSync(dir);
  }

  firmware(base: SimFirmware): SimFirmware {
    return {
      call: (conduit, fn, a1, a2, a3) => {
        if (conduit !== 'hvc' || BigInt(fn) !== UNILIB_FUNCTION) return base.call(conduit, fn, a1, a2, a3);
        return BigInt.asUintN(64, BigInt(this.serve(Number(a1), Number(a2)))) as never;
      },
      semihost: base.semihost,
    };
  }

  /** Handles still open. */
  openCount(): number {
    return this.files.size;
  }

  /** One event with its argument block at `args`: >= 0, or -errno. */
  serve(event: number, args: number): number {
    this.events.push(event);
    try {
      return this.run(event, args);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
      return -((os.errno as Record<string, number>)[code] ?? os.errno.EIO);
    }
  }

  /**
   * The host path of the guest's (address, length): refused (EPERM) when
   * absolute, with an empty, "." or ".." component or a NUL, or when a link
   * on it leads out of the served directory. "" is the directory itself.
   */
  private hostPath(addr: number, len: number): string {
    if (this.root === null) fail('ENODEV');
    if (len > 4096) fail('ENAMETOOLONG');
    const rel = new TextDecoder().decode(readMemory(addr, len));
    if (rel.includes('\0') || rel.startsWith('/')) fail('EPERM');
    if (rel !== '' && rel.split('/').some((c) => c === '' || c === '.' || c === '..')) fail('EPERM');
    const full = path.join(this.root, rel);
    // Every existing prefix, resolved, must stay inside (a link anywhere on the path).
    let probe = full;
    while (!fs.existsSync(probe)) probe = path.dirname(probe);
    const real = fs.realpathSync(probe);
    if (real !== this.root && !real.startsWith(this.root + path.sep)) fail('EPERM');
    return full;
  }

  /** The served directory itself is never removed or moved. */
  private notRoot(p: string): string {
    return p === this.root ? fail('EBUSY') : p;
  }

  private file(h: number): { fd: number; pos: number } {
    const f = this.files.get(h);
    if (!f) fail('EBADF');
    return f;
  }

  private pathArg(args: number, i: number): string {
    return this.hostPath(u64At(args + 8 * i), u64At(args + 8 * (i + 1)));
  }

  private run(event: number, args: number): number {
    const a = (i: number) => u64At(args + 8 * i);
    switch (event) {
      case 0: // INIT
        return this.root === null ? fail('ENODEV') : 0;
      case 1: { // OPEN path, len, mode
        const p = this.pathArg(args, 0);
        const mode = OPEN_MODES[a(2)];
        if (mode === undefined) fail('EINVAL');
        if (fs.existsSync(p) && fs.statSync(p).isDirectory()) fail('EISDIR');
        const h = this.next++;
        this.files.set(h, { fd: fs.openSync(p, mode), pos: 0 });
        return h;
      }
      case 2: // CLOSE handle
        fs.closeSync(this.file(a(0)).fd);
        this.files.delete(a(0));
        return 0;
      case 3: { // READ handle, buf, len
        const f = this.file(a(0));
        const buf = new Uint8Array(a(2));
        const n = fs.readSync(f.fd, buf, 0, buf.length, f.pos);
        writeMemory(a(1), buf.subarray(0, n));
        f.pos += n;
        return n;
      }
      case 4: { // WRITE handle, buf, len
        const f = this.file(a(0));
        const n = fs.writeSync(f.fd, readMemory(a(1), a(2)), 0, a(2), f.pos);
        f.pos += n;
        return n;
      }
      case 5: // LSEEK handle, offset (from the start)
        this.file(a(0)).pos = a(1);
        return 0;
      case 6: { // STAT path, len, out: kind, size
        const st = fs.statSync(this.pathArg(args, 0));
        putU64(a(2), st.isDirectory() ? KIND_DIRECTORY : KIND_FILE);
        putU64(a(2) + 8, st.isDirectory() ? 0 : st.size);
        return 0;
      }
      case 7: { // UNLINK path, len
        const p = this.pathArg(args, 0);
        if (fs.statSync(p).isDirectory()) fail('EISDIR');
        fs.unlinkSync(p);
        return 0;
      }
      case 8: { // READDIR path, len, index, name_buf, name_cap, out: kind, size
        const dir = this.pathArg(args, 0);
        const names = fs.readdirSync(dir).sort();
        const name = names[a(2)];
        if (name === undefined) return 0;
        const bytes = new TextEncoder().encode(name);
        if (bytes.length > a(4)) fail('ENAMETOOLONG');
        writeMemory(a(3), bytes);
        const st = fs.lstatSync(path.join(dir, name));
        putU64(a(5), st.isDirectory() ? KIND_DIRECTORY : KIND_FILE);
        putU64(a(5) + 8, st.isDirectory() ? 0 : st.size);
        return bytes.length;
      }
      case 9: // MKDIR path, len
        fs.mkdirSync(this.pathArg(args, 0));
        return 0;
      case 10: // RENAME from, from_len, to, to_len
        fs.renameSync(this.notRoot(this.pathArg(args, 0)), this.notRoot(this.pathArg(args, 2)));
        return 0;
      case 11: // RMDIR path, len
        fs.rmdirSync(this.notRoot(this.pathArg(args, 0)));
        return 0;
      case 12: // FLEN handle
        return fs.fstatSync(this.file(a(0)).fd).size;
    }
    return fail('EINVAL');
  }
}
