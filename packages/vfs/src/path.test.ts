// Path normalisation: canonical form, ".", "..", repeated and trailing '/',
// relative paths against the cwd, and the length limits.
import { beforeEach, describe, expect, it } from 'vitest';
import { Errno } from './errno';
import { NAME_MAX, PATH_MAX } from './file-system';
import { PathBuf } from './path';
import { freshMachine } from './test-support/sim';

let cwd: PathBuf;
let out: PathBuf;

beforeEach(() => {
  freshMachine();
  cwd = new PathBuf();
  out = new PathBuf();
});

function norm(path: string, from = '/'): string | number {
  const root = new PathBuf();
  expect(cwd.normalize(from, root)).toBe(0);
  root.destroy();
  const r = out.normalize(path, cwd);
  return r < 0 ? r : out.text() === '' ? '/' : out.text();
}

describe('normalize', () => {
  it('absolute paths', () => {
    expect(norm('/')).toBe('/');
    expect(norm('/a/b/c')).toBe('/a/b/c');
    expect(norm('//a///b//')).toBe('/a/b');
    expect(norm('/a/./b/.')).toBe('/a/b');
    expect(norm('/a/b/../c')).toBe('/a/c');
    expect(norm('/..')).toBe('/');
    expect(norm('/../../a/..')).toBe('/');
    expect(norm('/a/../../b')).toBe('/b');
    expect(norm('/...')).toBe('/...');
    expect(norm('/.a/..b/')).toBe('/.a/..b');
  });

  it('relative paths join the cwd', () => {
    expect(norm('x', '/home/u')).toBe('/home/u/x');
    expect(norm('.', '/home/u')).toBe('/home/u');
    expect(norm('..', '/home/u')).toBe('/home');
    expect(norm('../..', '/home/u')).toBe('/');
    expect(norm('../../../..', '/home/u')).toBe('/');
    expect(norm('./a//b/', '/home')).toBe('/home/a/b');
    expect(norm('/abs', '/home')).toBe('/abs');
    expect(norm('x', '/')).toBe('/x');
  });

  it('remembers a path that must name a directory', () => {
    for (const [p, dir, dot] of [['/a', false, false], ['/a/', true, false], ['/a/.', true, true], ['/a/..', true, true], ['/', true, false], ['a//', true, false], ['./a', false, false]] as const) {
      norm(p);
      expect([p, out.mustBeDir, out.dotLast]).toEqual([p, dir, dot]);
    }
  });

  it('errors: empty path, NUL byte, long names and paths', () => {
    expect(norm('')).toBe(-Errno.ENOENT);
    expect(norm('/a\u0000b')).toBe(-Errno.EINVAL);
    expect(norm('/' + 'n'.repeat(NAME_MAX))).toBe('/' + 'n'.repeat(NAME_MAX));
    expect(norm('/' + 'n'.repeat(NAME_MAX + 1))).toBe(-Errno.ENAMETOOLONG);
    // NAME_MAX counts bytes of UTF-8: 128 two-byte characters are 256 bytes.
    expect(norm('/' + 'é'.repeat(128))).toBe(-Errno.ENAMETOOLONG);
    const long = ('/' + 'd'.repeat(99)).repeat(40); // 4000 bytes
    expect(norm(long)).toBe(long);
    expect(norm(long + '/' + 'e'.repeat(95))).toBe(long + '/' + 'e'.repeat(95)); // exactly PATH_MAX
    expect(norm(long + '/' + 'e'.repeat(96))).toBe(-Errno.ENAMETOOLONG);
    expect(norm('/'.repeat(PATH_MAX))).toBe('/');
    expect(norm('/'.repeat(PATH_MAX + 1))).toBe(-Errno.ENAMETOOLONG);
    // a relative path that would pass PATH_MAX joined to the cwd
    expect(norm('e'.repeat(100), long)).toBe(-Errno.ENAMETOOLONG);
    expect(norm('../' + 'e'.repeat(99), long)).toBe(long.slice(0, 3900) + '/' + 'e'.repeat(99));
  });
});
