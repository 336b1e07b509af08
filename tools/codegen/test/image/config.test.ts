/**
 * A bad app config fails the build before anything is compiled, with one
 * message that names the file to change and the fix: an unknown board, an
 * unknown feature, a feature whose package is not a dependency, and an app
 * without src/main.ts. Checked through the API (AppConfigError) and through
 * the CLI (`unishyper: <message>`, exit 1).
 *
 * The fixtures in fixtures/bad-config/ are not workspace projects: validation
 * reads the config and package.json only, so they never need their packages
 * installed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppConfigError, BOARDS, FEATURES, loadAppConfig } from '../../src/index.js';
import { FIXTURES, HELLO_DIR, cli, show } from './helpers.js';

const BAD = path.join(FIXTURES, 'bad-config');

interface Case {
  fixture: string;
  /** The file the message must name (relative to the fixture). */
  file: string;
  /** What the message must say: the problem and the fix. */
  says: RegExp[];
}

const cases: Case[] = [
  {
    fixture: 'unknown-board',
    file: 'unishyper.config.ts',
    says: [/unknown board 'raspi4'/, new RegExp(`known boards: ${Object.keys(BOARDS).join(', ')}`)],
  },
  {
    fixture: 'unknown-feature',
    file: 'unishyper.config.ts',
    says: [/unknown feature 'warp-drive'/, new RegExp(`known features: ${Object.keys(FEATURES).join(', ')}`)],
  },
  {
    fixture: 'missing-dependency',
    file: 'unishyper.config.ts',
    says: [
      /feature 'mm' needs @unishyper\/mm, which is not a dependency of fixture-missing-dependency/,
      /add it to \S*missing-dependency\/package\.json dependencies \(run: pnpm add @unishyper\/mm; in this repository: "@unishyper\/mm": "workspace:\*"\)/,
    ],
  },
  {
    fixture: 'missing-main',
    // The config is fine; the message names the file that is missing.
    file: 'src/main.ts',
    says: [/not found/, /an app's code starts at src\/main\.ts with `export function main\(\)`/],
  },
];

describe.concurrent('bad app config', () => {
  for (const c of cases) {
    it(`${c.fixture}: AppConfigError names ${c.file} and the fix`, async () => {
      const dir = path.join(BAD, c.fixture);
      const err = await loadAppConfig(dir).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppConfigError);
      const msg = (err as Error).message;
      expect(msg).toContain(path.join(c.fixture, c.file));
      for (const re of c.says) expect(msg).toMatch(re);
    });

    it(`${c.fixture}: 'unishyper image' prints 'unishyper: <message>' and exits 1, building nothing`, async () => {
      const dir = path.join(BAD, c.fixture);
      const r = await cli(['image', dir]);
      expect(r.code, show(r)).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines, show(r)).toHaveLength(1);
      expect(lines[0]).toMatch(/^unishyper: /);
      // Relative to where the command ran (the repository root).
      expect(lines[0]).toContain(`tools/codegen/test/image/fixtures/bad-config/${c.fixture}/${c.file}`);
      for (const re of c.says) expect(lines[0]).toMatch(re);
      expect(fs.existsSync(path.join(dir, 'build'))).toBe(false);
    });
  }

  it('qemu and debug fail the same way before starting QEMU', async () => {
    for (const sub of ['qemu', 'debug']) {
      const r = await cli([sub, path.join(BAD, 'unknown-board')]);
      expect(r.code, show(r)).toBe(1);
      expect(r.stderr).toMatch(/^unishyper: \S*unknown-board\/unishyper\.config\.ts: unknown board 'raspi4'; known boards: /);
    }
  });

  it('a directory without unishyper.config.ts names the file and what it must contain', async () => {
    const r = await cli(['image', path.join(HELLO_DIR, 'src')]);
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toMatch(/^unishyper: \S*apps\/hello\/src\/unishyper\.config\.ts: not found \(an app needs unishyper\.config\.ts with `export default defineApp\(\{ board, features \}\)`\)/);
  });

  it('the good config of apps/hello validates', async () => {
    const app = await loadAppConfig(HELLO_DIR);
    expect(app.board).toBe('virt');
    expect(app.boardPackage).toBe('@unishyper/board-virt');
    expect(app.features).toContain('mm');
    expect(app.mainFile).toBe(path.join(HELLO_DIR, 'src/main.ts'));
  });
});
