/**
 * Booting images the way users do: `nx run <app>:qemu` from the repository
 * root (targets inferred by @unishyper/nx-plugin) and `unishyper qemu <app>`.
 * The image ends with a semihosting exit, so QEMU's exit status is the app's:
 * hello exits 0, the exit-status fixture 3 (nx reports any failure as 1).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildImage } from '../../src/index.js';
import { EXIT_STATUS_APP, cli, nx, show } from './helpers.js';

// The --no-build cases below boot this image.
beforeAll(async () => {
  await buildImage({ appDir: EXIT_STATUS_APP });
});

describe('nx targets inferred for apps', () => {
  it('nx show project hello lists build, qemu and debug running the unishyper CLI', async () => {
    const r = await nx(['show', 'project', 'hello', '--json']);
    expect(r.code, show(r)).toBe(0);
    const project = JSON.parse(r.stdout) as { root: string; targets: Record<string, { executor: string; options: { command: string } }> };
    expect(project.root).toBe('apps/hello');
    for (const [target, sub] of [['build', 'image'], ['qemu', 'qemu'], ['debug', 'debug']] as const) {
      expect(project.targets[target], target).toBeDefined();
      expect(project.targets[target]!.executor).toBe('nx:run-commands');
      expect(project.targets[target]!.options.command).toBe(`node tools/codegen/bin/unishyper.js ${sub} apps/hello`);
    }
  });
});

describe('booting under QEMU', () => {
  it('nx run hello:qemu prints the banner and exits 0', async () => {
    const r = await nx(['run', 'hello:qemu']);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toContain('Unishyper hello on qemu-virt');
  });

  it('machine flags pass through nx to QEMU (--smp --memory --gic --el2 --qemu-args)', async () => {
    const r = await nx(['run', 'hello:qemu', '--smp=2', '--memory=256M', '--gic=3', '--el2', '--qemu-args=-name unishyper-flags-test']);
    expect(r.code, show(r)).toBe(0);
    const all = r.stdout + r.stderr;
    expect(all).toContain('-M virt,gic-version=3,virtualization=on -cpu cortex-a53 -smp 2 -m 256M');
    expect(all).toContain('-name unishyper-flags-test');
    expect(r.stdout).toMatch(/Unishyper hello on qemu-virt: 2 core\(s\), 256 MiB RAM/);
  });

  it("unishyper qemu builds, boots and exits with the app's status (3)", async () => {
    const r = await cli(['qemu', EXIT_STATUS_APP]);
    expect(r.code, show(r)).toBe(3);
    expect(r.stdout).toContain('exit-status fixture: returning 3');
  });

  it('nx run <app>:qemu exits non-zero when the app returns non-zero', async () => {
    const r = await nx(['run', 'fixture-exit-status:qemu', '--no-build']);
    expect(r.code, show(r)).not.toBe(0);
    expect(r.stdout).toContain('exit-status fixture: returning 3');
  });

  it('--timeout stops a run that does not end and exits 124', async () => {
    // -S: the CPUs never start, so the image never exits by itself.
    const r = await cli(['qemu', EXIT_STATUS_APP, '--no-build', '--timeout', '1', '--qemu-args', '-S']);
    expect(r.code, show(r)).toBe(124);
    expect(r.stderr).toContain('QEMU stopped after --timeout 1 s (exit 124)');
  });

  it('a missing QEMU is a clear message and exit 127', async () => {
    const r = await cli(['qemu', EXIT_STATUS_APP, '--no-build'], { env: { UNISHYPER_QEMU: '/nonexistent/qemu-system-aarch64' } });
    expect(r.code, show(r)).toBe(127);
    expect(r.stderr).toMatch(/^unishyper: cannot run \/nonexistent\/qemu-system-aarch64: not found\. Install QEMU for AArch64 \(Debian\/Ubuntu: sudo apt-get install qemu-system-arm/m);
  });

  it('bad machine flags are usage errors (exit 2)', async () => {
    for (const [flags, says] of [
      [['--smp', 'many'], '--smp must be a positive integer'],
      [['--gic', '4'], '--gic must be 2 or 3'],
      [['--memory', 'lots'], '--memory must be a size'],
      [['--qemu-args', "-name 'x"], 'unterminated'],
      [['--port', '1234'], "--port is not an option of 'qemu'"],
    ] as const) {
      const r = await cli(['qemu', EXIT_STATUS_APP, '--no-build', ...flags]);
      expect(r.code, show(r)).toBe(2);
      expect(r.stderr).toContain(says);
    }
  });

  it('--no-build without an image says how to build it', async () => {
    const r = await cli(['qemu', EXIT_STATUS_APP, '--no-build', '-o', path.join(EXIT_STATUS_APP, 'build/nowhere')]);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toMatch(/--no-build: \S*nowhere\/exit-status\.elf does not exist; build it first \(unishyper image /);
  });
});
