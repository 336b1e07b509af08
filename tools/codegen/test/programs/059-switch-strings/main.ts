// switch on strings and on enum-like constants; case expressions that are
// constants from a const object.
import { kprint } from '@unishyper/rt';

const Cmd = { Help: 0, Ls: 1, Cat: 2, Unknown: 3 } as const;
type Cmd = (typeof Cmd)[keyof typeof Cmd];

function parse(word: string): Cmd {
  switch (word) {
    case 'help':
    case '?':
      return Cmd.Help;
    case 'ls':
      return Cmd.Ls;
    case 'cat':
      return Cmd.Cat;
    default:
      return Cmd.Unknown;
  }
}

function run(cmd: Cmd, arg: string): void {
  switch (cmd) {
    case Cmd.Help:
      kprint`help: list of commands\n`;
      break;
    case Cmd.Ls:
      kprint`ls: listing ${arg}\n`;
      break;
    case Cmd.Cat:
      kprint`cat: showing ${arg}\n`;
      break;
    default:
      kprint`command not found\n`;
  }
}

export function main(): void {
  run(parse('help'), '');
  run(parse('?'), '');
  run(parse('ls'), '/fatfs/');
  run(parse('cat'), 'readme.txt');
  run(parse('rm'), 'x');
  run(parse(''), '');
  run(parse('LS'), '/');
  run(parse('lss'), '/');
  let known = 0;
  const words: string = 'help ls cat';
  switch (words) {
    case 'help ls cat':
      known = 3;
      break;
    case 'help ls':
      known = 2;
      break;
  }
  kprint`known = ${known}\n`;
}
