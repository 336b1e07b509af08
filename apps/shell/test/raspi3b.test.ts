/**
 * The same apps/shell on the Raspberry Pi 3 board (--board raspi3b), typed
 * at through UART0, whose receive interrupt reaches the kernel through the
 * BCM2835 controller and the local block instead of a GIC: commands run,
 * `reboot` restarts the SoC through the PM watchdog (QEMU boots the image
 * again), and `poweroff` ends the run with status 0.
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
  const img = await buildImage({ appDir: app, board: 'raspi3b' });
  con = new Console(img.bootFile, { smp: 4, memMiB: 1024 }, img.qemuArgs);
  await con.until('first prompt', () => con.prompts() > 0, 60_000);
}, 300_000);
afterAll(() => con?.kill());

describe('apps/shell on raspi3b', () => {
  it('boots to the prompt on the BCM2836 controller', () => {
    expect(con.text()).toMatch(/^BCM2836: 104 interrupt ids; timer irq 27 at 62500000 Hz; console irq 89$/m);
    expect(con.text()).toMatch(/shell: type help; spinner is thread 101, sleeper 102\n/);
  });

  it('runs commands typed at UART0', async () => {
    expect((await con.run('echo hi > /hi.txt')).slice(1)).toEqual([]);
    expect((await con.run('cat /hi.txt')).slice(1)).toEqual(['hi']);
    const ps = (await con.run('ps')).slice(1);
    expect(ps[0]).toBe('  TID NAME             STATE     PRI CORE  CPU(ms)');
    expect(ps).toContainEqual(expect.stringMatching(/^  101 spinner +(running|ready) +0 +\d +\d+$/));
    expect((await con.run('uptime')).slice(1)[0]).toMatch(/^up /);
  });

  it('reboot restarts through the watchdog and the kernel comes up again', async () => {
    const boots = () => con.text().split('BCM2836: ').length - 1;
    expect(boots()).toBe(1);
    await con.type('reboot', Keys.Enter);
    await con.until('a second boot', () => boots() === 2, 30_000);
    await con.until('its prompt', () => con.text().lastIndexOf(PROMPT) > con.text().lastIndexOf('BCM2836: '), 30_000);
    expect(con.text()).toContain('rebooting\n');
    expect(con.status).toBeUndefined();
  }, 60_000);

  it('poweroff ends the run with status 0', async () => {
    await con.type('poweroff', Keys.Enter);
    expect(await con.waitExit()).toBe(0);
    expect(con.text()).toContain('powering off\n');
  });
});
