// let/const block scoping: shadowing in nested blocks, loop-local
// variables, a fresh binding per loop iteration, reuse of names.
import { kprint } from '@unishyper/rt';

const x = 1000;

function useGlobal(): number {
  return x;
}

export function main(): void {
  kprint`module x = ${x}\n`;
  const x2 = x + 1;
  {
    const x = 1;
    kprint`block x = ${x}\n`;
    {
      const x = 2;
      let y = x * 10;
      {
        let y = 5;
        y++;
        kprint`innermost x = ${x}, y = ${y}\n`;
      }
      kprint`inner x = ${x}, y = ${y}\n`;
    }
    kprint`block x again = ${x}\n`;
  }
  kprint`x2 = ${x2}, useGlobal() = ${useGlobal()}\n`;
  let i = 100;
  for (let i = 0; i < 3; i++) {
    const sq = i * i;
    kprint`loop i = ${i}, sq = ${sq}\n`;
  }
  kprint`outer i = ${i}\n`;
  let total = 0;
  for (let k = 0; k < 3; k++) {
    let local = k;
    local += 10;
    total += local;
  }
  kprint`total = ${total}\n`;
  if (i > 0) {
    let i = -1;
    i--;
    kprint`if-block i = ${i}\n`;
  } else {
    const i = 0;
    kprint`unreachable ${i}\n`;
  }
  kprint`outer i still = ${i}\n`;
  i = 7;
  {
    i = i + 1;
  }
  kprint`assigned in block: ${i}\n`;
  let s = 'outer';
  {
    let s = 'inner';
    kprint`${s}\n`;
  }
  kprint`${s}\n`;
  s = 'changed';
  kprint`${s}\n`;
  let n = 0;
  while (n < 3) {
    const n2 = n * 2;
    n++;
    kprint`while body n2 = ${n2}\n`;
  }
}
