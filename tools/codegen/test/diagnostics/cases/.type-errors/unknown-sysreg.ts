import { readSysreg, num } from '@unishyper/rt';

export function main(): number {
  return num(readSysreg('FOO_EL1')); // tsc-error@col=25: is not assignable to parameter of type 'SysReg'
}
