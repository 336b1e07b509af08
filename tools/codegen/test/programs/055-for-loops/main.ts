// for loops: counting up and down, steps, empty parts, nested loops,
// zero-iteration loops, loops whose bounds change, break and continue.
import { kprint } from '@unishyper/rt';

export function main(): void {
  kprint`up:`;
  for (let i = 0; i < 5; i++) kprint` ${i}`;
  kprint`\ndown:`;
  for (let i = 5; i > 0; i--) kprint` ${i}`;
  kprint`\nstep 3:`;
  for (let i = -6; i <= 6; i += 3) kprint` ${i}`;
  kprint`\nzero iterations:`;
  for (let i = 0; i < 0; i++) kprint` never`;
  kprint`\n`;
  let j = 0;
  for (; j < 3; ) {
    j++;
  }
  kprint`j = ${j}\n`;
  let k = 0;
  for (;;) {
    k += 7;
    if (k > 30) break;
  }
  kprint`k = ${k}\n`;
  kprint`triangle:\n`;
  for (let row = 1; row <= 4; row++) {
    for (let col = 0; col < row; col++) kprint`*`;
    kprint`\n`;
  }
  let odd = 0;
  for (let i = 0; i < 20; i++) {
    if (i % 2 === 0) continue;
    if (i > 15) break;
    odd += i;
  }
  kprint`odd sum below 16 = ${odd}\n`;
  let limit = 10;
  let iterations = 0;
  for (let i = 0; i < limit; i++) {
    iterations++;
    if (i === 2) limit = 5;
  }
  kprint`iterations with shrinking limit = ${iterations}\n`;
  let a = 0;
  let b = 10;
  for (a = 0, b = 10; a < b; a++, b--) {}
  kprint`met at a = ${a}, b = ${b}\n`;
  let pairs = 0;
  for (let x = 0; x < 10; x++) {
    for (let y = x; y < 10; y++) {
      if ((x + y) % 3 === 0) pairs++;
    }
  }
  kprint`pairs = ${pairs}\n`;
}
