import { resetMachine } from '@unishyper/rt/sim';
import { beforeEach, describe, expect, it } from 'vitest';
import { ANY_ARGS, ArgKind, Command } from './command';
import { CommandRegistry, ExitStatus } from './registry';
import { RecordingOutput } from './term-output';
import type { Argv } from './argv';
import type { TermOutput } from './term-output';

beforeEach(() => resetMachine());

function echo(argv: Argv, out: TermOutput): number {
  for (let i = 1; i < argv.count(); i++) {
    out.write(i > 1 ? ' ' : '');
    out.write(argv.get(i));
  }
  out.write('\n');
  return argv.count() - 1;
}

function run(reg: CommandRegistry, line: string): { text: string; status: number } {
  const out = new RecordingOutput(8192);
  const status = reg.execute(line, out);
  const text = out.text();
  out[Symbol.dispose]();
  return { text, status };
}

describe('CommandRegistry', () => {
  it('lists the registered commands in help, in name order, at the seed\'s column', () => {
    const reg = new CommandRegistry(16, 256);
    reg.register(new Command('ps', 'ps', 'Report a snapshot of the current threads.', 'threads', 0, 0, ArgKind.None, echo));
    reg.register(new Command('cat', 'cat FILE', 'Concatenate files and print on the standard output.', 'fs', 1, 1, ArgKind.Path, echo));
    reg.register(new Command('a-very-long-name', 'a-very-long-name X', 'Long.', '', 1, 1, ArgKind.None, echo));
    const r = run(reg, 'help');
    expect(r.status).toBe(0);
    expect(r.text).toBe(
      [
        'This is unishyper,',
        'a research unikernel targeting a scalable and predictable runtime for embedded devices.',
        'List of classes of commands:',
        '',
        'a-very-long-name X -- Long.',
        'cat FILE        -- Concatenate files and print on the standard output.',
        'help            -- Print this message.',
        'ps              -- Report a snapshot of the current threads.',
        '',
      ].join('\n'),
    );
    reg[Symbol.dispose]();
  });

  it('runs a command with its words', () => {
    const reg = new CommandRegistry(16, 256);
    reg.register(new Command('echo', 'echo [WORD...]', 'Print the words.', '', 0, ANY_ARGS, ArgKind.None, echo));
    expect(run(reg, `  echo  a 'b c'  "d"`)).toEqual({ text: 'a b c d\n', status: 3 });
    expect(run(reg, '')).toEqual({ text: '', status: 0 });
    expect(run(reg, '   ')).toEqual({ text: '', status: 0 });
    reg[Symbol.dispose]();
  });

  it('says which feature a known command needs, and that an unknown one is not found', () => {
    const reg = new CommandRegistry(16, 256);
    expect(run(reg, 'ls /')).toEqual({ text: "ls: needs the 'fs' feature\n", status: ExitStatus.NotFound });
    expect(run(reg, 'ps')).toEqual({ text: "ps: needs the 'threads' feature\n", status: ExitStatus.NotFound });
    expect(run(reg, 'ping 10.0.0.1')).toEqual({ text: "ping: needs the 'net' feature\n", status: ExitStatus.NotFound });
    expect(run(reg, 'frobnicate')).toEqual({ text: 'command not found: frobnicate\n', status: ExitStatus.NotFound });
    expect(run(reg, `'l s'`)).toEqual({ text: 'command not found: l s\n', status: ExitStatus.NotFound });
    expect(run(reg, 'help').text).not.toContain('ls');
    reg[Symbol.dispose]();
  });

  it('prints the usage line on a wrong number of arguments', () => {
    const reg = new CommandRegistry(16, 256);
    reg.register(new Command('kill', 'kill TID', 'Kill a thread.', 'threads', 1, 1, ArgKind.Thread, echo));
    reg.register(new Command('ls', 'ls [DIR]', 'List.', 'fs', 0, 1, ArgKind.Path, echo));
    expect(run(reg, 'kill')).toEqual({ text: 'usage: kill TID\n', status: ExitStatus.Usage });
    expect(run(reg, 'kill 1 2')).toEqual({ text: 'usage: kill TID\n', status: ExitStatus.Usage });
    expect(run(reg, 'kill 7')).toEqual({ text: '7\n', status: 1 });
    expect(run(reg, 'ls')).toEqual({ text: '\n', status: 0 });
    expect(run(reg, 'ls a b')).toEqual({ text: 'usage: ls [DIR]\n', status: ExitStatus.Usage });
    expect(run(reg, 'help me')).toEqual({ text: 'usage: help\n', status: ExitStatus.Usage });
    reg[Symbol.dispose]();
  });

  it('prints quoting errors', () => {
    const reg = new CommandRegistry(4, 64);
    expect(run(reg, `cat "abc`)).toEqual({ text: 'unterminated double quote at column 5\n', status: ExitStatus.Usage });
    expect(run(reg, 'a b c d e')).toEqual({ text: 'too many arguments (at most 3)\n', status: ExitStatus.Usage });
    reg[Symbol.dispose]();
  });

  it('refuses a second command with the same name', () => {
    const reg = new CommandRegistry(16, 256);
    expect(() => reg.register(new Command('help', 'help', 'again', '', 0, 0, ArgKind.None, echo))).toThrow('command registered twice');
    reg[Symbol.dispose]();
  });
});
