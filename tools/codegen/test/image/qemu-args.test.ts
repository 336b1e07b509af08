/**
 * The QEMU command line of an image: board arguments, machine flags merged
 * into the board's -M, the fixed console/semihosting part, the gdb stub, and
 * --qemu-args split like a shell would. Pure functions; no QEMU runs here.
 */
import { describe, expect, it } from 'vitest';
import { QemuUsageError, gdbArgs, qemuArgs, shellQuote, splitArgs } from '../../src/index.js';

const board = ['-M', 'virt', '-cpu', 'cortex-a53'];
const base = { kernel: 'build/app.elf', boardArgs: board };

describe('qemuArgs', () => {
  it('boots the ELF with no default NIC, the console on stdio, no monitor, semihosting for the exit status', () => {
    expect(qemuArgs(base)).toEqual(['-M', 'virt', '-cpu', 'cortex-a53', '-nic', 'none', '-nographic', '-monitor', 'none', '-semihosting', '-kernel', 'build/app.elf']);
  });

  it('--smp, --memory, --gic, --el2', () => {
    const a = qemuArgs({ ...base, smp: 4, memory: '512M', gic: 3, el2: true });
    expect(a.slice(0, 4)).toEqual(['-M', 'virt,gic-version=3,virtualization=on', '-cpu', 'cortex-a53']);
    expect(a.join(' ')).toContain('-smp 4 -m 512M');
    expect(qemuArgs({ ...base, gic: 2 })[1]).toBe('virt,gic-version=2');
  });

  it('does not change the board arguments it was given', () => {
    const boardArgs = [...board];
    qemuArgs({ kernel: 'k', boardArgs, gic: 3 });
    expect(boardArgs).toEqual(board);
  });

  it('a board without -M gets a separate -machine option', () => {
    const a = qemuArgs({ kernel: 'k', boardArgs: ['-cpu', 'max'], el2: true });
    expect(a.slice(0, 4)).toEqual(['-cpu', 'max', '-machine', 'virtualization=on']);
  });

  it('the gdb stub listens on 127.0.0.1:<port>; -S waits for the debugger; extra args come last', () => {
    const a = qemuArgs({ ...base, gdbPort: 4321, waitForDebugger: true, extraArgs: ['-d', 'int'] });
    expect(a.slice(-6)).toEqual(['build/app.elf', '-gdb', 'tcp:127.0.0.1:4321', '-S', '-d', 'int']);
  });

  it('rejects values QEMU would reject less clearly', () => {
    expect(() => qemuArgs({ ...base, smp: 0 })).toThrow(QemuUsageError);
    expect(() => qemuArgs({ ...base, smp: 1.5 })).toThrow(/--smp must be a positive integer/);
    expect(() => qemuArgs({ ...base, memory: 'lots' })).toThrow(/--memory must be a size such as 512M or 1G/);
    expect(() => qemuArgs({ ...base, gic: 4 as 3 })).toThrow(/--gic must be 2 or 3/);
    expect(() => qemuArgs({ ...base, gdbPort: 70000 })).toThrow(/--port must be a TCP port/);
    for (const m of ['512', '512M', '1G', '1.5G', '65536k']) expect(() => qemuArgs({ ...base, memory: m })).not.toThrow();
  });
});

describe('splitArgs (--qemu-args)', () => {
  it('splits on blanks and keeps quoted words whole', () => {
    expect(splitArgs('-d int,guest_errors  -D /tmp/q.log')).toEqual(['-d', 'int,guest_errors', '-D', '/tmp/q.log']);
    expect(splitArgs(`-append 'a b' -name "my vm" x\\ y`)).toEqual(['-append', 'a b', '-name', 'my vm', 'x y']);
    expect(splitArgs(`-name "say \\"hi\\""`)).toEqual(['-name', 'say "hi"']);
    expect(splitArgs(`''`)).toEqual(['']);
    expect(splitArgs('   ')).toEqual([]);
  });

  it('an unterminated quote is an error', () => {
    expect(() => splitArgs(`-name 'oops`)).toThrow(/unterminated ' quote/);
  });

  it('shellQuote round-trips through splitArgs', () => {
    const args = ['-name', 'my vm', "it's", '-d', 'int', ''];
    expect(splitArgs(shellQuote(args))).toEqual(args);
  });
});

describe('gdbArgs', () => {
  it('loads the ELF for symbols and attaches to the stub; --gdb-batch runs a command file', () => {
    expect(gdbArgs('a.elf', 1234)).toEqual(['-q', 'a.elf', '-ex', 'target remote 127.0.0.1:1234']);
    expect(gdbArgs('a.elf', 5555, 'cmds.gdb')).toEqual(['-q', 'a.elf', '-ex', 'target remote 127.0.0.1:5555', '-batch', '-x', 'cmds.gdb']);
  });
});
