import { resetMachine } from '@unishyper/rt/sim';
import { beforeEach, describe, expect, it } from 'vitest';
import { Argv } from './argv';

beforeEach(() => resetMachine());

function words(line: string, maxWords = 16, maxBytes = 256): string[] | string {
  const a = new Argv(maxWords, maxBytes);
  const out: string[] | string = a.parse(line) ? Array.from({ length: a.count() }, (_, i) => a.get(i)) : a.error();
  a[Symbol.dispose]();
  return out;
}

describe('Argv', () => {
  it('splits on spaces and tabs', () => {
    expect(words('')).toEqual([]);
    expect(words('   \t ')).toEqual([]);
    expect(words('ls')).toEqual(['ls']);
    expect(words('  cat \t /a/b   c ')).toEqual(['cat', '/a/b', 'c']);
    expect(words('echo ☻ 日本')).toEqual(['echo', '☻', '日本']);
  });

  it('keeps quoted text together and joins adjacent parts', () => {
    expect(words(`cat 'my file.txt'`)).toEqual(['cat', 'my file.txt']);
    expect(words(`cat "my file.txt"`)).toEqual(['cat', 'my file.txt']);
    expect(words(`a'b c'd"e f"g`)).toEqual(['ab cde fg']);
    expect(words(`x '' ""`)).toEqual(['x', '', '']);
    expect(words(`'it"s' "it's"`)).toEqual(['it"s', "it's"]);
  });

  it('handles backslashes as a POSIX shell does', () => {
    expect(words('my\\ file \\"q\\" \\\\')).toEqual(['my file', '"q"', '\\']);
    expect(words(`"a \\" b \\\\ c \\n"`)).toEqual(['a " b \\ c \\n']);
    expect(words(`'a \\' b`)).toEqual(['a \\', 'b']);
  });

  it('names the column of an unterminated quote, in characters', () => {
    expect(words(`cat 'abc`)).toBe('unterminated single quote at column 5');
    expect(words(`echo ☻ "x y`)).toBe('unterminated double quote at column 8');
    expect(words(`"`)).toBe('unterminated double quote at column 1');
    expect(words('ls \\')).toBe('trailing backslash at column 4');
  });

  it('bounds the words and the bytes', () => {
    expect(words('a b c d e', 4)).toBe('too many arguments (at most 3)');
    expect(words('a b c d', 4)).toEqual(['a', 'b', 'c', 'd']);
    expect(words('abcdefghi', 16, 8)).toBe('line too long (at most 8 bytes)');
  });

  it('can be used again after an error', () => {
    const a = new Argv(4, 64);
    expect(a.parse(`'oops`)).toBe(false);
    expect(a.count()).toBe(0);
    expect(a.parse('ok then')).toBe(true);
    expect(a.error()).toBe('');
    expect(a.get(1)).toBe('then');
    a[Symbol.dispose]();
  });
});
