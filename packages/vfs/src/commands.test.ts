// The fs feature's shell commands under Node, on a RAM file system with a
// second one mounted: cp (to a file, into a directory, errors), write at an
// offset, mount and df.
import { beforeEach, describe, expect, it } from 'vitest';
import { StrBuf } from '@unishyper/rt';
import { CommandRegistry, RecordingOutput } from '@unishyper/terminal';
import { registerFsCommands } from './commands';
import { Stat } from './file-system';
import { RamFs } from './ramfs/ramfs';
import { freshMachine } from './test-support/sim';
import { readFile, writeFile } from './text-io';
import { Vfs } from './vfs';

let vfs: Vfs;
let reg: CommandRegistry;
let out: RecordingOutput;

beforeEach(() => {
  freshMachine();
  vfs = new Vfs(new RamFs(64 * 1024), 8, 4);
  vfs.mkdir('/mnt');
  expect(vfs.mount('/mnt', new RamFs(16 * 1024))).toBe(0);
  reg = new CommandRegistry(16, 256);
  registerFsCommands(reg, vfs);
  out = new RecordingOutput(8192);
});

function run(line: string): [number, string] {
  out.clear();
  const status = reg.execute(line, out);
  return [status, out.text()];
}

function read(path: string): string | number {
  const sb = new StrBuf(8192);
  const r = readFile(vfs, path, sb);
  const s = r < 0 ? r : sb.toString();
  sb[Symbol.dispose]();
  return s;
}

describe('fs commands', () => {
  it('cp copies a file byte for byte, across mounts and into a directory', () => {
    const text = 'x'.repeat(1500) + 'end\n'; // more than one chunk
    expect(writeFile(vfs, '/a.txt', text)).toBe(text.length);
    expect(run('cp /a.txt /b.txt')).toEqual([0, '']);
    expect(read('/b.txt')).toBe(text);
    expect(run('cp /a.txt /mnt')).toEqual([0, '']);
    expect(read('/mnt/a.txt')).toBe(text);
    expect(run('cp /a.txt /mnt/')).toEqual([0, '']);
    expect(writeFile(vfs, '/b.txt', 'short')).toBe(5);
    expect(run('cp /b.txt /mnt/a.txt')).toEqual([0, '']);
    expect(read('/mnt/a.txt')).toBe('short'); // replaced, not overlaid
  });

  it('cp says what is wrong', () => {
    expect(run('cp /nope /x')).toEqual([1, 'cp: /nope: no such file or directory\n']);
    expect(run('cp /mnt /x')).toEqual([1, 'cp: /mnt: is a directory\n']);
    expect(writeFile(vfs, '/a.txt', 'a')).toBe(1);
    expect(run('cp /a.txt /missing/dir/x')).toEqual([1, 'cp: /missing/dir/x: no such file or directory\n']);
    expect(run('cp /a.txt')).toEqual([2, 'usage: cp FROM TO\n']);
    // A full file system: the error, and the source untouched.
    expect(writeFile(vfs, '/big', 'y'.repeat(20 * 1024))).toBe(20 * 1024);
    const [status, text] = run('cp /big /mnt/big');
    expect(status).toBe(1);
    expect(text).toBe('cp: /mnt/big: no space left on device\n');
    const st = new Stat();
    expect(vfs.stat('/big', st)).toBe(0);
    expect(st.size).toBe(20 * 1024);
  });

  it('write puts text at an offset and keeps the rest; makes a missing file', () => {
    expect(writeFile(vfs, '/w.txt', 'hello world\n')).toBe(12);
    expect(run('write /w.txt 6 WORLD')).toEqual([0, '']);
    expect(read('/w.txt')).toBe('hello WORLD\n');
    expect(run("write /w.txt 12 'more text'")).toEqual([0, '']);
    expect(read('/w.txt')).toBe('hello WORLD\nmore text');
    expect(run('write /new.txt 0 abc')).toEqual([0, '']);
    expect(read('/new.txt')).toBe('abc');
    expect(run('write /new.txt 5 z')).toEqual([0, '']);
    expect(read('/new.txt')).toBe('abc\0\0z'); // the gap reads as zeros
    expect(run('write /new.txt -1 z')).toEqual([2, 'write: not a byte offset: -1\n']);
    expect(run('write /new.txt 1')).toEqual([2, 'usage: write FILE OFFSET TEXT\n']);
    expect(run('write /mnt 0 z')).toEqual([1, 'write: /mnt: is a directory\n']);
  });

  it('mount lists the mounts; df shows their sizes', () => {
    expect(run('mount')).toEqual([0, 'ramfs on / (rw)\nramfs on /mnt (rw)\n']);
    expect(writeFile(vfs, '/mnt/f', 'z'.repeat(4096))).toBe(4096);
    const [status, text] = run('df');
    expect(status).toBe(0);
    const rows = text.split('\n');
    expect(rows[0]).toBe('Type      1K-blocks      Used Available Use% Mounted on');
    expect(rows[1]).toMatch(/^ramfs +64 +\d+ +\d+ +\d+% \/$/);
    expect(rows[2]).toMatch(/^ramfs +16 +([4-9]|1\d) +\d+ +\d+% \/mnt$/);
    const [, total, used, free] = rows[2].split(/ +/).map(Number);
    expect(used + free).toBe(total);
    expect(run('df -h')).toEqual([2, 'usage: df\n']);
  });
});
