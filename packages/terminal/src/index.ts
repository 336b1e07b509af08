/**
 * @unishyper/terminal: the shell's pieces, in the kernel dialect. A key
 * decoder (console bytes -> keys), a line editor (editing keys, history,
 * Tab completion, VT100 drawing) and the command registry packages add
 * their commands to. See README.md.
 */
export { KEY_NONE, Key, isCharKey } from './keys';
export { KeyDecoder } from './key-decoder';
export { type TermOutput, ConsoleOutput, RecordingOutput } from './term-output';
export { LineBuffer } from './line-buffer';
export { History } from './history';
export { type ArgCompleter, type LineCompleter, Completions } from './completions';
export { EditResult, LineEditor } from './line-editor';
export { Argv } from './argv';
export { ANY_ARGS, ARG_KINDS, ArgKind, Command, type CommandHandler } from './command';
export { featureFor } from './known-commands';
export { CommandRegistry, ExitStatus } from './registry';
export { charWidth, stringColumns } from './utf8';
export { spaces, writeLeft, writeNumRight } from './format';
export { CommandEnd, type ShellHost } from './shell/host';
export { interrupted, setInterrupted } from './shell/interrupt';
export { PROMPT, Shell } from './shell/shell';
export { parseCount } from './parse';
