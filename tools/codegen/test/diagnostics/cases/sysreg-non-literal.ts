import { readSysreg, type SysReg } from '@unishyper/rt';

export function main(): number {
  const r: SysReg = 'CNTFRQ_EL0';
  readSysreg(r); // error-at@col=3: readSysreg() needs the register name as a string literal
  return 0;
}
