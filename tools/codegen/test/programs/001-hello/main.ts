// kprint basics: literal pieces, interpolation at every position, escapes.
import { kprint } from '@unishyper/rt';

export function main(): void {
  kprint`hello, world\n`;
  kprint`two ${1} ${2} pieces\n`;
  kprint`${'start'} and end${'!'}\n`;
  kprint`tab\there, quote " and backslash \\ and dollar $ sign\n`;
  kprint`no newline, `;
  kprint`then newline\n`;
  kprint`${7}${8}${9}\n`;
  kprint``;
  kprint`${''}`;
  kprint`after empty prints\n`;
  kprint`braces {} and \${not interpolated}\n`;
  kprint`line one\nline two\n`;
}
