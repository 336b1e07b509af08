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
import { AppConfigError, BOARDS, FEATURES, loadAppConfig, networkQemuArgs, prepareUnilibDir, UnilibDirError, unilibQemuArgs, validateAppConfig } from '../../src/index.js';
import { FIXTURES, HELLO_DIR, REPO_ROOT, cli, show } from './helpers.js';

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

describe('network config', () => {
  const NET_APP = path.join(HELLO_DIR, '..', 'net-client');
  const check = (network: unknown) => validateAppConfig(NET_APP, path.join(NET_APP, 'unishyper.config.ts'), { board: 'virt', network } as never).network;
  const fails = (network: unknown) => {
    try {
      check(network);
    } catch (e) {
      expect(e).toBeInstanceOf(AppConfigError);
      return (e as Error).message;
    }
    throw new Error('no AppConfigError');
  };

  it('guestForwards: each guest address:port goes to a port on 127.0.0.1', () => {
    const n = check({ guestForwards: [{ guest: '10.0.0.2:7', host: 5555 }, { guest: '10.0.0.2:9', host: 5557 }] })!;
    expect(n.guestForwards).toEqual([{ addr: '10.0.0.2', port: 7, host: 5555 }, { addr: '10.0.0.2', port: 9, host: 5557 }]);
    expect(n.forwards).toEqual([]);
    expect(networkQemuArgs(n)[3]).toBe(
      'user,id=net0,restrict=on,net=10.0.0.0/24,host=10.0.0.1,dhcpstart=10.0.0.2,guestfwd=tcp:10.0.0.2:7-tcp:127.0.0.1:5555,guestfwd=tcp:10.0.0.2:9-tcp:127.0.0.1:5557',
    );
    // --net tap: the card on the seed's tap0; forwards do not apply there.
    expect(networkQemuArgs(n, { kind: 'tap', ifname: 'tap0' })[3]).toBe('tap,id=net0,ifname=tap0,script=no,downscript=no');
    expect(check({})!.guestForwards).toEqual([]);
  });

  it('bad guestForwards name the entry, the problem and the fix', () => {
    expect(fails({ guestForwards: { guest: '10.0.0.2:7', host: 1 } })).toMatch(/unishyper\.config\.ts: network\.guestForwards must be a list/);
    expect(fails({ guestForwards: [{ guest: '192.168.1.1:80', host: 5555 }] })).toMatch(/network\.guestForwards\[0\]: guest must be 'address:port' on the seed's subnet 10\.0\.0\.0\/24, such as '10\.0\.0\.2:7', not "192\.168\.1\.1:80"/);
    expect(fails({ guestForwards: [{ guest: '10.0.0.2:70000', host: 5555 }] })).toMatch(/guest must be 'address:port'/);
    expect(fails({ guestForwards: [{ guest: '10.0.0.1:7', host: 5555 }] })).toMatch(/network\.guestForwards\[0\]: 10\.0\.0\.1 is QEMU's host address; pick another address/);
    expect(fails({ guestForwards: [{ guest: '10.0.0.3:53', host: 5555 }] })).toMatch(/10\.0\.0\.3 is QEMU's DNS/);
    expect(fails({ guestForwards: [{ guest: '10.0.0.2:7', host: 'x' }] })).toMatch(/network\.guestForwards\[0\]: host must be a port from 1 to 65535, not "x"/);
    expect(fails({ guestForwards: [{ guest: '10.0.0.2:7', host: 5555, proto: 'udp' }] })).toMatch(/unknown option 'proto'; options: guest, host/);
    expect(fails({ guestForwards: [{ guest: '10.0.0.2:7', host: 5555 }, { guest: '10.0.0.2:7', host: 5556 }] })).toMatch(/network\.guestForwards\[1\]: 10\.0\.0\.2:7 is forwarded twice/);
    expect(fails({ guestforwards: [] })).toMatch(/network: unknown option 'guestforwards'; options: forwards, guestForwards, mac/);
  });
});

describe('unilib config', () => {
  const APP = path.join(REPO_ROOT, 'apps/fs/test/fixtures/unilib-demo');
  const check = (features: string[], unilib: unknown) => validateAppConfig(APP, path.join(APP, 'unishyper.config.ts'), { board: 'virt', features, unilib } as never).unilibDir;
  const fails = (features: string[], unilib: unknown) => {
    try {
      check(features, unilib);
    } catch (e) {
      expect(e).toBeInstanceOf(AppConfigError);
      return (e as Error).message;
    }
    throw new Error('no AppConfigError');
  };
  const ALL = ['mm', 'threads', 'sync', 'fs', 'unilib'];

  it('serves the directory named, relative to the app, on the semihosting command line', () => {
    expect(check(ALL, { dir: 'served' })).toBe(path.join(APP, 'served'));
    expect(check(ALL, undefined)).toBeNull();
    expect(unilibQemuArgs(path.join(APP, 'served'))).toEqual(['-semihosting-config', `enable=on,target=native,arg=unilibfs=${path.join(APP, 'served')}`]);
    expect(unilibQemuArgs(null)).toEqual([]);
  });

  it('says what is wrong: the feature missing, a bad value, a path QEMU cannot carry', () => {
    expect(fails(['mm', 'fs'], { dir: 'served' })).toMatch(/unilib needs the 'unilib' feature/);
    expect(fails(ALL, 'served')).toMatch(/unilib must be an object such as \{ dir: 'shared' \}/);
    expect(fails(ALL, { dir: 'served', ro: true })).toMatch(/unknown option 'ro'/);
    expect(fails(ALL, { dir: 'my files' })).toMatch(/may not contain blanks or commas/);
    expect(fails(ALL, { dir: 'a,b' })).toMatch(/may not contain blanks or commas/);
  });
});

describe('the served directory', () => {
  it('--unilib names another one, but only for an app with the unilib feature and a path QEMU can carry', async () => {
    const no = await cli(['qemu', HELLO_DIR, '--unilib', '/tmp', '--out-dir', '/nonexistent', '--no-build']);
    expect(no.code).toBe(2);
    expect(no.stderr).toMatch(/--unilib: hello has no 'unilib' feature \(add it to features in .*apps\/hello\/unishyper\.config\.ts\)/);
    const demo = path.join(REPO_ROOT, 'apps/fs/test/fixtures/unilib-demo');
    const bad = await cli(['qemu', demo, '--unilib', '/tmp/a b', '--out-dir', '/nonexistent', '--no-build']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--unilib \/tmp\/a b: the served directory's path may not contain blanks or commas/);
  }, 120_000);

  it('is made when missing, and refused when it holds a link out of it', () => {
    const base = fs.mkdtempSync(path.join(REPO_ROOT, '.unilib-test-'));
    try {
      const app = { unilibDir: path.join(base, 'served'), configFile: path.join(base, 'unishyper.config.ts') } as never;
      prepareUnilibDir(app);
      expect(fs.statSync(path.join(base, 'served')).isDirectory()).toBe(true);
      fs.mkdirSync(path.join(base, 'served', 'sub'));
      fs.writeFileSync(path.join(base, 'secret'), 'x');
      fs.symlinkSync(path.join(base, 'served', 'sub'), path.join(base, 'served', 'inside')); // stays inside: fine
      prepareUnilibDir(app);
      fs.symlinkSync(path.join(base, 'secret'), path.join(base, 'served', 'sub', 'escape'));
      expect(() => prepareUnilibDir(app)).toThrow(UnilibDirError);
      expect(() => prepareUnilibDir(app)).toThrow(/escape links to .*secret, outside the served directory/);
      fs.rmSync(path.join(base, 'served', 'sub', 'escape'));
      fs.symlinkSync('/nonexistent/x', path.join(base, 'served', 'dangling'));
      expect(() => prepareUnilibDir(app)).toThrow(/dangling links to \/nonexistent\/x \(which does not exist\)/);
      fs.rmSync(path.join(base, 'served', 'dangling'));
      fs.writeFileSync(path.join(base, 'file'), '');
      expect(() => prepareUnilibDir({ unilibDir: path.join(base, 'file'), configFile: path.join(base, 'unishyper.config.ts') } as never)).toThrow(/not a directory/);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});
