/**
 * Random bytes at the prompt, biased towards the ones that matter (escape
 * sequence pieces, control keys, UTF-8 lead and continuation bytes, Enter):
 * nothing throws, the screen model never sees a sequence or control byte the
 * editor may not send nor a wrapped row, the line stays bounded printable
 * UTF-8, accepted lines run through the registry, and the heap is the same
 * size at the end (nothing at the prompt allocates) and empty after dispose.
 */
import { Rng } from '@unishyper/codegen/testing';
import { liveAllocations } from '@unishyper/rt/sim';
import { describe, expect, it } from 'vitest';
import { ArgKind, EditResult, RecordingOutput } from '../src/index';
import { ListCompleter, leaksSince, liveSet, resetMachine, seedRegistry, session } from './harness';

const INTERESTING = [0x1b, 0x5b, 0x4f, 0x31, 0x33, 0x34, 0x37, 0x3b, 0x35, 0x7e, 0x41, 0x42, 0x43, 0x44, 0x48, 0x46, 0x7f, 0x08, 0x09, 0x0d, 0x0a, 0x01, 0x03, 0x04, 0x05, 0x0b, 0x0c, 0x15, 0x17, 0x62, 0x66, 0x20, 0x22, 0x27, 0x5c, 0x2f, 0xc3, 0xa9, 0xe2, 0x98, 0xbb, 0xe6, 0x97, 0xa5, 0xf0, 0x9f, 0x98, 0x80, 0x80, 0xff];

function randomByte(rng: Rng): number {
  const r = rng.below(10);
  if (r < 5) return INTERESTING[rng.below(INTERESTING.length)]!;
  if (r < 8) return 0x20 + rng.below(0x5f); // printable ASCII
  return rng.below(256);
}

const decoder = new TextDecoder('utf-8', { fatal: true });

describe('fuzz: random bytes at the prompt', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}: 20,000 bytes, no crash, no leak`, () => {
      resetMachine();
      const before = liveSet();
      const reg = seedRegistry();
      reg.setArgCompleter(ArgKind.Path, new ListCompleter(['/etc/', '/etc.bak', '/home/', '/hé/', '/日本/']));
      const s = session({ completer: reg, maxLine: 40, history: 4, cols: 32 });
      const cmdOut = new RecordingOutput(1 << 16);
      const rng = new Rng(seed);
      let heapAfterWarmup = -1;
      let lines = 0;
      for (let i = 0; i < 20_000; i++) {
        const chunk = Array.from({ length: 1 + rng.below(8) }, () => randomByte(rng));
        s.results.length = 0;
        s.type(chunk);
        if (s.screen.row > 20) s.screen.write('\x1b[H\x1b[2J'); // keep the model's rows in view
        for (const r of s.results) {
          if (r === EditResult.Line) {
            lines++;
            cmdOut.clear();
            reg.execute(s.lines.at(-1)!, cmdOut);
            expect(cmdOut.dropped()).toBe(0);
          }
        }
        if (!s.ed.editing()) {
          s.ed.start();
          s.type([]);
        }
        const line = s.ed.line();
        const bytes = new TextEncoder().encode(line);
        expect(bytes.length).toBeLessThanOrEqual(40);
        expect(() => decoder.decode(bytes)).not.toThrow();
        expect(/[\x00-\x1f\x7f-\x9f]/.test(line), JSON.stringify(line)).toBe(false);
        expect(s.screen.wrapped).toBe(false);
        if (i === 2_000) heapAfterWarmup = liveAllocations().length;
      }
      expect(liveAllocations().length).toBe(heapAfterWarmup);
      expect(lines).toBeGreaterThan(100);
      s.dispose();
      cmdOut[Symbol.dispose]();
      reg[Symbol.dispose]();
      expect(leaksSince(before)).toEqual([]);
    });
  }
});
