// kprint is a tagged template: as in JS, every ${...} expression is
// evaluated (left to right) before anything of the template is printed, so
// output made while evaluating the arguments comes first.
import { kprint } from '@unishyper/rt';

let order = 0;

function noisy(tag: string, v: number): number {
  order++;
  kprint`<${tag}#${order}>`;
  return v;
}

function nested(v: number): string {
  kprint`{inner ${v}}`;
  return 'nested';
}

export function main(): void {
  kprint`a=${noisy('a', 1)} b=${noisy('b', 2)} c=${noisy('c', 3)}\n`;
  kprint`only literal text\n`;
  kprint`${nested(7)} then ${noisy('x', 4)}\n`;
  let counter = 0;
  kprint`${counter++} ${counter++} ${++counter} ${counter}\n`;
  kprint`order = ${order}, counter = ${counter}\n`;
}
