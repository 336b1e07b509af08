import { scaled } from './lib/units';

export function double(x: number): number {
  return x * 2;
}

export function scaledDouble(x: number): number {
  return scaled(double(x));
}
