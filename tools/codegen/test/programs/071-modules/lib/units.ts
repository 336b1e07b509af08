export const Unit = { Mm: 1, Mm2: 2 } as const;

export const SCALE = 10;

export function scaled(v: number): number {
  return v * SCALE;
}
