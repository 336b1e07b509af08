import { beforeEach, describe, expect, it } from 'vitest';
import { catchPanic, resetMachine } from '../sim/index.js';
import { Pool } from './pool.js';

class Conn {
  constructor(readonly id: number) {}
}

beforeEach(() => resetMachine());

function connPool(capacity: number): Pool<Conn> {
  let next = 0;
  return new Pool<Conn>(capacity, () => new Conn(next++));
}

describe('Pool', () => {
  it('makes its objects once, up front', () => {
    let made = 0;
    const p = new Pool<Conn>(3, () => new Conn(made++));
    expect(made).toBe(3);
    expect(p.capacity).toBe(3);
    expect(p.inUse()).toBe(0);
  });

  it('hands out objects in construction order, then null when exhausted', () => {
    const p = connPool(3);
    const a = p.alloc();
    const b = p.alloc();
    const c = p.alloc();
    expect([a?.id, b?.id, c?.id]).toEqual([0, 1, 2]);
    expect(p.alloc()).toBe(null);
    expect(p.inUse()).toBe(3);
    p.free(b!);
    expect(p.inUse()).toBe(2);
    expect(p.alloc()).toBe(b); // the freed object comes back
    expect(p.alloc()).toBe(null);
  });

  it('reuses the most recently freed object first', () => {
    const p = connPool(4);
    const objs = [p.alloc()!, p.alloc()!, p.alloc()!];
    p.free(objs[0]!);
    p.free(objs[2]!);
    expect(p.alloc()).toBe(objs[2]);
    expect(p.alloc()).toBe(objs[0]);
    expect(p.alloc()!.id).toBe(3);
  });

  it('panics freeing a foreign or free object', () => {
    const p = connPool(2);
    const a = p.alloc()!;
    expect(catchPanic(() => p.free(new Conn(99)))).toBe('Pool.free: object does not belong to this pool');
    p.free(a);
    expect(catchPanic(() => p.free(a))).toBe('Pool.free: object is not in use');
    expect(p.inUse()).toBe(0);
  });

  it('needs a capacity of at least 1', () => {
    expect(catchPanic(() => connPool(0))).toBe('Pool capacity must be at least 1');
    const one = connPool(1);
    expect(one.alloc()!.id).toBe(0);
    expect(one.alloc()).toBe(null);
  });
});
