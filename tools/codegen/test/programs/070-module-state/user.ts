import { bump } from './counter';

let calls = 0;

export function useTwice(tag: string): number {
  calls++;
  bump(tag);
  return bump(tag);
}

export function userCalls(): number {
  return calls;
}
