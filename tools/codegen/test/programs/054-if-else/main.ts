// if / else if / else chains, nested ifs, ifs without braces, dangling
// else, conditions with side effects.
import { kprint } from '@unishyper/rt';

function grade(score: number): string {
  if (score >= 90) {
    return 'A';
  } else if (score >= 80) {
    return 'B';
  } else if (score >= 70) {
    return 'C';
  } else if (score >= 60) {
    return 'D';
  } else {
    return 'F';
  }
}

function quadrant(x: number, y: number): number {
  if (x > 0) {
    if (y > 0) return 1;
    else if (y < 0) return 4;
    else return 0;
  } else if (x < 0) {
    if (y > 0) return 2;
    if (y < 0) return 3;
    return 0;
  }
  return 0;
}

let probes = 0;
function probe(v: boolean): boolean {
  probes++;
  return v;
}

export function main(): void {
  const scores = 95;
  for (let s = scores; s >= 45; s -= 10) kprint`${s}: ${grade(s)}\n`;
  kprint`quadrants: ${quadrant(1, 1)} ${quadrant(-1, 1)} ${quadrant(-1, -1)} ${quadrant(1, -1)} ${quadrant(0, 5)} ${quadrant(3, 0)}\n`;
  let n = 0;
  if (n === 0) n = 10;
  if (n === 0) n = 20;
  else n += 5;
  kprint`n = ${n}\n`;
  if (n > 100)
    if (n > 1000) kprint`huge\n`;
    else kprint`big\n`;
  else kprint`dangling else belongs to the outer if\n`;
  if (probe(false)) {
    kprint`no\n`;
  } else if (probe(false)) {
    kprint`no\n`;
  } else if (probe(true)) {
    kprint`third condition taken\n`;
  } else if (probe(true)) {
    kprint`no\n`;
  }
  kprint`probes = ${probes}\n`;
  let count = 0;
  for (let i = 0; i < 30; i++) {
    if (i % 15 === 0) {
      count += 100;
    } else if (i % 5 === 0) {
      count += 10;
    } else if (i % 3 === 0) {
      count += 1;
    }
  }
  kprint`fizzbuzz count = ${count}\n`;
  if (true) {
    kprint`literal true\n`;
  }
  if (!true) {
    kprint`unreachable\n`;
  }
}
