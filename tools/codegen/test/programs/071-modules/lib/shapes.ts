// Interface and classes exported from a nested module.
import { kprint } from '@unishyper/rt';
import { Unit } from './units';

export interface Measured {
  size(): number;
  unit(): number;
}

export class Line implements Measured {
  len: number;
  constructor(len: number) {
    this.len = len;
  }
  size(): number {
    return this.len;
  }
  unit(): number {
    return Unit.Mm;
  }
}

export class Area implements Measured {
  w: number;
  h: number;
  constructor(w: number, h: number) {
    this.w = w;
    this.h = h;
  }
  size(): number {
    return this.w * this.h;
  }
  unit(): number {
    return Unit.Mm2;
  }
}

export function report(m: Measured): void {
  kprint`size ${m.size()} unit ${m.unit()}\n`;
}
