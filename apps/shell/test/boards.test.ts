/**
 * The same apps/shell on the other boards that run here, typed at through
 * their consoles: on raspi3b UART0's receive interrupt comes through the
 * BCM2835 controller and the local block instead of a GIC; on shyper the
 * console is the NS16550 the EL2 stub emulates on the PL011. On both,
 * commands run, `reboot` restarts the machine (raspi3b: the PM watchdog;
 * shyper: PSCI SYSTEM_RESET over HVC, which the stub passes on) and the
 * kernel comes up again, and `poweroff` ends the run with status 0.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage } from '@unishyper/codegen';
import { PROMPT } from '@unishyper/terminal';
import { Console, Keys } from '@unishyper/terminal/testing';

const app = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

const boards = [
  { board: 'raspi3b', memMiB: 1024, banner: /^BCM2836: 104 interrupt ids; timer irq 27 at 62500000 Hz; console irq 89$/m, bootMark: 'BCM2836: ' },
  { board: 'shyper', memMiB: 2048, banner: /^GICv2: \d+ interrupt ids; timer irq 27 at 62500000 Hz; console irq 33$/m, bootMark: 'shyper-stub: EL2' },
] as const;

for (const b of boards) {
  describe(`apps/shell on ${b.board}`, () => {
    let con: Console;

    beforeAll(async () => {
      const img = await buildImage({ appDir: app, board: b.board });
      con = new Console(img.bootFile, { smp: 4, memMiB: b.memMiB }, img.qemuArgs);
      await con.until('first prompt', () => con.prompts() > 0, 60_000);
    }, 300_000);
    afterAll(() => con?.kill());

    it('boots to the prompt', () => {
      expect(con.text()).toMatch(b.banner);
      expect(con.text()).toMatch(/shell: type help; spinner is thread 101, sleeper 102\n/);
    });

    it('runs commands typed at its console', async () => {
      expect((await con.run('echo hi > /hi.txt')).slice(1)).toEqual([]);
      expect((await con.run('cat /hi.txt')).slice(1)).toEqual(['hi']);
      const ps = (await con.run('ps')).slice(1);
      expect(ps[0]).toBe('  TID NAME             STATE     PRI CORE  CPU(ms)');
      expect(ps).toContainEqual(expect.stringMatching(/^  101 spinner +(running|ready) +0 +\d +\d+$/));
      expect((await con.run('uptime')).slice(1)[0]).toMatch(/^up /);
    });

    it('reboot restarts the machine and the kernel comes up again', async () => {
      const boots = () => con.text().split(b.bootMark).length - 1;
      expect(boots()).toBe(1);
      await con.type('reboot', Keys.Enter);
      await con.until('a second boot', () => boots() === 2, 30_000);
      await con.until('its prompt', () => con.text().lastIndexOf(PROMPT) > con.text().lastIndexOf(b.bootMark), 30_000);
      expect(con.text()).toContain('rebooting\n');
      expect(con.status).toBeUndefined();
    }, 60_000);

    it('poweroff ends the run with status 0', async () => {
      await con.type('poweroff', Keys.Enter);
      expect(await con.waitExit()).toBe(0);
      expect(con.text()).toContain('powering off\n');
    });
  });
}
