/**
 * The plugin's inference (pure, against the real workspace and a temporary
 * one), how nx loads it (plugin.cjs through require, as nx does), and what nx
 * makes of it in this workspace.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONFIG_GLOB, appTargets, createNodesV2, nodesForConfig } from '../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const pluginDir = path.resolve(here, '..');
const repoRoot = path.resolve(pluginDir, '../..');
const context = { workspaceRoot: repoRoot, nxJsonConfiguration: {} };

describe('inference', () => {
  it('matches unishyper.config.ts files', () => {
    expect(createNodesV2[0]).toBe(CONFIG_GLOB);
    expect(CONFIG_GLOB).toBe('**/unishyper.config.ts');
  });

  it('apps/hello gets build, qemu and debug running the unishyper CLI; the name comes from package.json', async () => {
    const results = await createNodesV2[1](['apps/hello/unishyper.config.ts'], undefined, context);
    expect(results).toHaveLength(1);
    const [file, result] = results[0]!;
    expect(file).toBe('apps/hello/unishyper.config.ts');
    const project = result.projects!['apps/hello']!;
    expect(project.name).toBeUndefined();
    expect(project.projectType).toBe('application');
    const t = project.targets!;
    expect(Object.keys(t).sort()).toEqual(['build', 'debug', 'qemu']);
    expect(t.build!.options.command).toBe('node tools/codegen/bin/unishyper.js image apps/hello');
    expect(t.qemu!.options.command).toBe('node tools/codegen/bin/unishyper.js qemu apps/hello');
    expect(t.debug!.options.command).toBe('node tools/codegen/bin/unishyper.js debug apps/hello');
    for (const target of Object.values(t)) expect(target.executor).toBe('nx:run-commands');
    expect(t.build!.cache).toBe(true);
    expect(t.build!.outputs).toEqual(['{projectRoot}/build']);
    expect(t.qemu!.cache).toBe(false);
    expect(t.debug!.cache).toBe(false);
  });

  it('a config without package.json or project.json names the project after its directory', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nx-plugin-'));
    try {
      fs.mkdirSync(path.join(root, 'apps/bare'), { recursive: true });
      fs.writeFileSync(path.join(root, 'apps/bare/unishyper.config.ts'), 'export default {};\n');
      const r = nodesForConfig('apps/bare/unishyper.config.ts', undefined, { workspaceRoot: root });
      expect(r.projects!['apps/bare']!.name).toBe('bare');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('options rename the targets and point at another CLI', () => {
    const t = appTargets('apps/x', { buildTargetName: 'image', qemuTargetName: 'boot', debugTargetName: 'gdb', cli: 'bin/u.js' });
    expect(Object.keys(t).sort()).toEqual(['boot', 'gdb', 'image']);
    expect(t.boot!.options.command).toBe('node bin/u.js qemu apps/x');
  });
});

describe('loading', () => {
  it('plugin.cjs loads the TypeScript sources through require(), as nx does', () => {
    const req = createRequire(import.meta.url);
    const mod = req(path.join(pluginDir, 'plugin.cjs')) as { createNodesV2: unknown; createNodes: unknown; name: string };
    expect(Array.isArray(mod.createNodesV2)).toBe(true);
    expect((mod.createNodesV2 as unknown[])[0]).toBe(CONFIG_GLOB);
    expect(mod.createNodes).toBe(mod.createNodesV2);
    expect(mod.name).toBe('@unishyper/nx-plugin');
  });

  it('nx (as configured in nx.json) gives every app the three targets, without warnings', async () => {
    for (const target of ['build', 'qemu', 'debug']) {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'node_modules/nx/bin/nx.js'), 'show', 'projects', '--with-target', target, '--json'], {
        cwd: repoRoot,
        env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
      });
      const projects = JSON.parse(stdout) as string[];
      expect(projects, target).toContain('hello');
      expect(stderr).not.toMatch(/warn|unable/i);
    }
  });
});
