// Labelled break and continue out of nested for, while and do-while
// loops, and a labelled block.
import { kprint } from '@unishyper/rt';

export function main(): void {
  let found = '';
  let fi = -1;
  let fj = -1;
  outer: for (let i = 0; i < 10; i++) {
    for (let j = 0; j < 10; j++) {
      if (i * j === 42) {
        fi = i;
        fj = j;
        found = 'yes';
        break outer;
      }
    }
  }
  kprint`found ${found} at ${fi}, ${fj}\n`;

  let count = 0;
  rows: for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 5; j++) {
      if (j > i) continue rows;
      count++;
    }
  }
  kprint`lower triangle count = ${count}\n`;

  let i = 0;
  let visits = 0;
  loopA: while (i < 5) {
    i++;
    let j = 0;
    loopB: while (true) {
      j++;
      visits++;
      if (j === 2) continue loopA;
      if (i === 4) break loopA;
      if (j > 10) break loopB;
    }
  }
  kprint`i = ${i}, visits = ${visits}\n`;

  let d = 0;
  let inner = 0;
  outerDo: do {
    d++;
    let k = 0;
    do {
      k++;
      inner++;
      if (k === 3) continue outerDo;
    } while (k < 10);
  } while (d < 4);
  kprint`do-while: d = ${d}, inner = ${inner}\n`;

  let three = 0;
  l1: for (let a = 0; a < 3; a++) {
    l2: for (let b = 0; b < 3; b++) {
      l3: for (let c = 0; c < 3; c++) {
        if (c === 1) continue l2;
        if (b === 2) continue l1;
        if (a === 2) break l1;
        three++;
        if (c === 5) break l3;
      }
    }
  }
  kprint`three-level count = ${three}\n`;

  let reached = 0;
  block: {
    reached = 1;
    if (reached === 1) break block;
    reached = 2;
  }
  kprint`labelled block: reached = ${reached}\n`;
}
