// switch on numbers: default in the middle and at the end, grouped cases,
// fallthrough from a non-empty case, break inside a loop inside a case,
// return from cases, no matching case and no default.
import { kprint } from '@unishyper/rt';

function daysIn(month: number): number {
  switch (month) {
    case 2:
      return 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

function trace(n: number): void {
  kprint`trace(${n}):`;
  switch (n) {
    // @ts-ignore: deliberate fallthrough (noFallthroughCasesInSwitch)
    case 0:
      kprint` zero`;
    // falls through
    // @ts-ignore: deliberate fallthrough (noFallthroughCasesInSwitch)
    case 1:
      kprint` one`;
    // falls through
    case 2:
      kprint` two`;
      break;
    case 3:
      kprint` three`;
      break;
  }
  kprint`\n`;
}

function middleDefault(n: number): string {
  let r = '';
  switch (n) {
    case 1:
      r = 'one';
      break;
    default:
      r = 'other';
      break;
    case 2:
      r = 'two';
      break;
  }
  return r;
}

function defaultFallsThrough(n: number): number {
  let acc = 0;
  switch (n) {
    case 5:
      acc += 5;
      break;
    // @ts-ignore: deliberate fallthrough (noFallthroughCasesInSwitch)
    default:
      acc += 100;
    // falls through
    case 7:
      acc += 7;
  }
  return acc;
}

export function main(): void {
  let total = 0;
  for (let m = 1; m <= 12; m++) total += daysIn(m);
  kprint`days in a year = ${total}\n`;
  for (let n = -1; n <= 4; n++) trace(n);
  kprint`middle default: ${middleDefault(1)} ${middleDefault(2)} ${middleDefault(3)}\n`;
  kprint`default falls through: ${defaultFallsThrough(5)} ${defaultFallsThrough(7)} ${defaultFallsThrough(8)}\n`;
  let found = -1;
  switch (total % 7) {
    case 1:
      for (let i = 0; i < 100; i++) {
        if (i * i > 50) {
          found = i;
          break;
        }
      }
      kprint`loop inside case finished, found = ${found}\n`;
      break;
    default:
      kprint`unexpected\n`;
  }
  let loops = 0;
  for (let i = 0; i < 5; i++) {
    switch (i) {
      case 2:
        continue;
      case 4:
        break;
      default:
        loops += 10;
    }
    loops++;
  }
  kprint`loops = ${loops}\n`;
  const neg: number = -3;
  switch (neg) {
    case -3:
      kprint`negative case label matched\n`;
      break;
    case 3:
      kprint`wrong\n`;
  }
}
