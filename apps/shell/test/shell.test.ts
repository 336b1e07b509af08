/**
 * apps/shell in QEMU, driven like a person at the serial console (console.ts):
 * every command with good and bad arguments, unknown and not-in-the-image
 * commands, usage lines, line editing, history, Tab completion, Ctrl-C of a
 * running command, kill of a running thread then ps, and poweroff. The
 * screen a person would see is checked, row by row.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage } from '@unishyper/codegen';
import { PROMPT } from '@unishyper/terminal';
import { Console, Keys } from '@unishyper/terminal/testing';

const app = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
let con: Console;

beforeAll(async () => {
  const img = await buildImage({ appDir: app });
  con = new Console(img.elf, { gic: 2, smp: 2, memMiB: 256 }, img.qemuArgs);
  await con.until('first prompt', () => con.prompts() > 0, 60_000);
}, 300_000);
afterAll(() => con?.kill());

/** The rows a command printed (its own row left out). */
async function output(...keys: string[]): Promise<string[]> {
  return (await con.run(...keys)).slice(1);
}

// The tests share one boot and run in order, as one session.
describe('apps/shell at the console', () => {
  it('boots to the prompt', () => {
    expect(con.text()).toMatch(/shell: type help; spinner is thread 101, sleeper 102\n/);
    expect(con.screen.current()).toBe(PROMPT.trimEnd());
  });

  it('help lists every command of the image in the seed layout, and only those', async () => {
    const rows = await con.run('help');
    expect(rows[0]).toBe(`${PROMPT}help`);
    expect(rows.slice(1, 4)).toEqual(['This is unishyper,', 'a research unikernel targeting a scalable and predictable runtime for embedded devices.', 'List of classes of commands:']);
    const names = rows.slice(5).map((r) => r.split(' ')[0]);
    expect(names).toEqual(['cat', 'cd', 'cp', 'date', 'df', 'echo', 'free', 'help', 'history', 'kill', 'ls', 'mkdir', 'mount', 'mv', 'poweroff', 'ps', 'pwd', 'reboot', 'rm', 'rmdir', 'run', 'sleep', 'stat', 'sync', 'touch', 'uptime', 'write']);
    expect(rows).toContain('kill TID        -- Kill the thread TID (see "ps").');
    expect(rows).toContain('ls [DIR]        -- List information about the FILEs (the current directory by default).');
    expect(rows.some((r) => r.startsWith('ping'))).toBe(false);
  });

  it('unknown commands, commands of a feature not in the image, wrong arguments', async () => {
    expect(await output('frobnicate now')).toEqual(['command not found: frobnicate']);
    expect(await output('ping 127.0.0.1')).toEqual(["ping: needs the 'net' feature"]);
    expect(await output('netstat')).toEqual(["netstat: needs the 'net' feature"]);
    expect(await output('kill')).toEqual(['usage: kill TID']);
    expect(await output('ps -a')).toEqual(['usage: ps']);
    expect(await output('cat')).toEqual(['usage: cat FILE']);
    expect(await output('mv a')).toEqual(['usage: mv FROM TO']);
    expect(await output('free now')).toEqual(['usage: free']);
    expect(await output("echo 'open")).toEqual(['unterminated single quote at column 6']);
    expect(await output('kill abc')).toEqual(['kill: not a thread id: abc']);
    expect(await output('kill 9999')).toEqual(['kill: no such thread: 9999']);
    expect(await output('kill 100')).toEqual(['kill: will not kill the main or shell thread 100']);
    expect(await output('run 101')).toEqual(['run: not a sleeping or waiting thread: 101']);
    expect(await output('sleep soon')).toEqual(['sleep: not a number of seconds (0-86400): soon']);
    expect(await output('')).toEqual([]);
  });

  it('file commands, good and bad', async () => {
    expect(await output('ls /')).toEqual(['dir          0 etc/']);
    expect(await output('cat /etc/motd')).toEqual(['Welcome to Unishyper.']);
    expect(await output('ls /nope')).toEqual(['ls: /nope: no such file or directory']);
    expect(await output('cat /nope')).toEqual(['cat: /nope: no such file or directory']);
    expect(await output('mkdir /tmp')).toEqual([]);
    expect(await output('mkdir /tmp')).toEqual(['mkdir: /tmp: file exists']);
    expect(await output('echo hello   world > /tmp/a')).toEqual([]);
    expect(await output('echo "second line" >> /tmp/a')).toEqual([]);
    expect(await output('cat /tmp/a')).toEqual(['hello world', 'second line']);
    expect(await output('stat /tmp/a')).toEqual([expect.stringMatching(/^\/tmp\/a: file, 24 bytes, \d+ allocated, mode 0\d{3}$/)]);
    expect(await output('cd /tmp')).toEqual([]);
    expect(await output('pwd')).toEqual(['/tmp']);
    expect(await output('mv a b')).toEqual([]);
    expect(await output('touch c')).toEqual([]);
    expect(await output('ls')).toEqual(['file        24 b', 'file         0 c']);
    expect(await output('rm b c')).toEqual([]);
    expect(await output('rm b')).toEqual(['rm: b: no such file or directory']);
    expect(await output('cd /')).toEqual([]);
    expect(await output('rmdir /etc')).toEqual(['rmdir: /etc: directory not empty']);
    expect(await output('rmdir /tmp')).toEqual([]);
    expect(await output('cd /tmp')).toEqual(['cd: /tmp: no such file or directory']);
  });

  it('line editing: insert in the middle with Left, Backspace, Tab completion of names and paths', async () => {
    // "echo helo", Left, "l": the l goes before the o.
    expect(await con.run('echo helo', Keys.Left, 'l')).toEqual([`${PROMPT}echo hello`, 'hello']);
    expect(await con.run('echo abcX', Keys.Backspace)).toEqual([`${PROMPT}echo abc`, 'abc']);
    expect(await con.run('echo one two', Keys.Left, Keys.Left, Keys.Left, Keys.Backspace, Keys.Backspace, Keys.Backspace, Keys.Backspace, 'ZZ ')).toEqual([`${PROMPT}echo ZZ two`, 'ZZ two']);
    const up = await con.run('upt', Keys.Tab);
    expect(up[0]).toBe(`${PROMPT}uptime`);
    expect(up[1]).toMatch(/^up \d+\.\d{3} s$/);
    expect(await con.run('cat /et', Keys.Tab, 'mo', Keys.Tab)).toEqual([`${PROMPT}cat /etc/motd`, 'Welcome to Unishyper.']);
  });

  it('history: Up recalls earlier lines, history lists them', async () => {
    expect(await con.run(Keys.Up, Keys.Up)).toEqual([`${PROMPT}uptime`, expect.stringMatching(/^up \d+\.\d{3} s$/)]);
    expect(await con.run(Keys.Up, Keys.Up, Keys.Up, Keys.Down)).toEqual([`${PROMPT}cat /etc/motd`, 'Welcome to Unishyper.']);
    const h = await output('history');
    // 32 lines kept: the oldest are gone.
    expect(h.length).toBe(32);
    expect(h.some((r) => r.endsWith('frobnicate now'))).toBe(false);
    expect(h.slice(-3)).toEqual(['30  uptime', '31  cat /etc/motd', '32  history']);
  });

  it('free shows the heap and the frame allocator', async () => {
    const rows = await output('free');
    expect(rows[0]).toMatch(/^ +total +used +free +largest +allocs$/);
    const heap = rows[1]!.match(/^heap \(bytes\) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+)$/);
    expect(heap, rows.join('\n')).not.toBeNull();
    const [total, used, free] = heap!.slice(1, 4).map(Number);
    expect(used! + free!).toBe(total);
    expect(rows[2]).toMatch(/^frames \(4 KiB\) +255 +0 +255 +128 +0$/);
    // Nothing typed leaks: the heap is where it was after a round of commands.
    await output('ls /etc');
    await output('ps');
    const again = (await output('free'))[1]!.match(/^heap \(bytes\) +\d+ +(\d+)/);
    expect(Number(again![1])).toBe(used);
  });

  it('ps, date, uptime', async () => {
    const rows = await output('ps');
    expect(rows[0]).toBe('  TID NAME             STATE     PRI CORE  CPU(ms)');
    expect(rows).toContainEqual(expect.stringMatching(/^  100 main +blocked +8 +\d +\d+$/));
    expect(rows).toContainEqual(expect.stringMatching(/^  101 spinner +(running|ready) +0 +\d +\d+$/));
    expect(rows).toContainEqual(expect.stringMatching(/^  102 sleeper +sleeping +8 +\d +\d+$/));
    expect(rows).toContainEqual(expect.stringMatching(/^  \d+ shell +(running|sleeping|ready) +8 +\d +\d+$/));
    expect(rows).toContainEqual(expect.stringMatching(/^  \d+ ps +running +8 +\d +\d+$/));
    const d = await output('date');
    expect(d).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/)]);
    // The guest's clock is the host's (QEMU's PL031), to the second or so.
    const guest = Date.parse(d[0]!.replace(' UTC', 'Z').replace(' ', 'T'));
    expect(Math.abs(guest - Date.now())).toBeLessThan(10_000);
  });

  it('run wakes the sleeping thread; kill ends the running one and ps no longer shows it', async () => {
    await con.run('run 102');
    await con.until('sleeper woken', () => con.text().includes('sleeper: woken (1)\n'));
    // main joins the spinner and says so at once, maybe before the prompt.
    expect((await output('kill 101')).filter((r) => r !== 'shell: spinner ended')).toEqual([]);
    await con.until('main joins the spinner', () => con.text().includes('shell: spinner ended\n'));
    const rows = await output('ps');
    expect(rows.some((r) => r.startsWith('  101 '))).toBe(false);
    expect(rows).toContainEqual(expect.stringMatching(/^  102 sleeper /));
    expect(await output('kill 101')).toEqual(['kill: no such thread: 101']);
  });

  it('Ctrl-C stops a running command and the prompt comes back', async () => {
    const before = con.prompts();
    await con.type('sleep 60', Keys.Enter);
    await new Promise((r) => setTimeout(r, 500));
    expect(con.prompts()).toBe(before);
    const t0 = Date.now();
    await con.type(Keys.CtrlC);
    await con.until('prompt after Ctrl-C', () => con.prompts() > before, 3_000);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(con.screen.line(con.screen.row - 1)).toBe('^C');
    // Ctrl-C at the prompt drops the line being typed.
    const p = con.prompts();
    await con.type('echo never', Keys.CtrlC);
    await con.until('prompt after Ctrl-C', () => con.prompts() > p);
    expect(con.screen.line(con.screen.row - 1)).toBe(`${PROMPT}echo never^C`);
  });

  it('reboot restarts the machine: the kernel boots again to a fresh prompt', async () => {
    const boots = () => con.text().split('GICv2: ').length - 1;
    expect(boots()).toBe(1);
    await con.type('reboot', Keys.Enter);
    await con.until('the second boot', () => boots() === 2, 30_000);
    await con.until('its prompt', () => con.text().lastIndexOf(PROMPT) > con.text().lastIndexOf('GICv2: '), 30_000);
    expect(con.text()).toContain('rebooting\n');
    // A new kernel: the spinner killed before is back, with its first id.
    expect(con.text().slice(con.text().lastIndexOf('GICv2: '))).toContain('shell: type help; spinner is thread 101, sleeper 102\n');
    expect(con.status).toBeUndefined();
  }, 60_000);

  it('poweroff ends the run with status 0', async () => {
    await con.type('poweroff', Keys.Enter);
    expect(await con.waitExit()).toBe(0);
    expect(con.text()).toContain('powering off\n');
    expect(con.screen.wrapped).toBe(false);
  });
});
