// boolean values, && || ! with short-circuit evaluation (side effects show
// which operands ran), boolean fields and parameters.
import { kprint } from '@unishyper/rt';

let calls = 0;

function t(tag: string): boolean {
  calls++;
  kprint`[t ${tag}]`;
  return true;
}

function f(tag: string): boolean {
  calls++;
  kprint`[f ${tag}]`;
  return false;
}

class Flags {
  ready: boolean;
  dirty: boolean;
  constructor(ready: boolean) {
    this.ready = ready;
    this.dirty = !ready;
  }
}

function xor(a: boolean, b: boolean): boolean {
  return a !== b;
}

export function main(): void {
  // Each result is computed before it is printed, so the [t ...]/[f ...]
  // markers show exactly which operands were evaluated.
  const tt = t('1') && t('2');
  kprint` t&&t=${tt}\n`;
  const tf = t('1') && f('2');
  kprint` t&&f=${tf}\n`;
  const ft = f('1') && t('2');
  kprint` f&&t=${ft}\n`;
  const fOrT = f('1') || t('2');
  kprint` f||t=${fOrT}\n`;
  const tOrF = t('1') || f('2');
  kprint` t||f=${tOrF}\n`;
  const fOrF = f('1') || f('2');
  kprint` f||f=${fOrF}\n`;
  const mixed = f('a') || (t('b') && f('c'));
  kprint` f||t&&f=${mixed}\n`;
  const grouped = (t('a') || f('b')) && t('c');
  kprint` (t||f)&&t=${grouped}\n`;
  const notT = !t('x');
  const notNotF = !!f('y');
  kprint` !t=${notT}, !!f=${notNotF}\n`;
  let guarded = 0;
  if (f('if1') && t('if2')) guarded += 1;
  if (t('if3') || t('if4')) guarded += 10;
  while (f('w') && t('never')) guarded += 100;
  kprint` guarded=${guarded}\n`;
  kprint`calls = ${calls}\n`;
  const fl = new Flags(false);
  kprint`ready=${fl.ready} dirty=${fl.dirty}\n`;
  fl.ready = !fl.ready;
  fl.dirty = fl.ready && fl.dirty;
  kprint`ready=${fl.ready} dirty=${fl.dirty}\n`;
  kprint`xor: ${xor(true, false)} ${xor(true, true)} ${xor(false, false)}\n`;
  let b = true;
  for (let i = 0; i < 5; i++) b = !b;
  kprint`toggled 5 times: ${b}\n`;
  const x: number = 5;
  const ok = x > 3 && x < 10 && x !== 7;
  kprint`ok = ${ok}, equals true: ${ok === true}\n`;
  let n = 0;
  while (n < 100 && !(n * n > 50)) n++;
  kprint`first n with n*n > 50: ${n}\n`;
  if (!ok || calls > 1000) {
    kprint`wrong\n`;
  } else {
    kprint`right\n`;
  }
}
