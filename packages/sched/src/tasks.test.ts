// The task table: tasks by id in an open-addressed table with
// backward-shift deletion. Checked against a Map model under random
// spawn/join orders, through growth, and for the ids-never-reused rule.
import { resetMachine } from '@unishyper/rt/sim';
import { beforeEach, describe, expect, it } from 'vitest';
import { Rng } from '@unishyper/codegen/testing';
import { addTask, findTask, forgetTask, initTasks, liveTaskCount, nextThreadId, Task, taskInSlot, taskSlots } from './tasks';
import { FIRST_THREAD_ID, NO_CORE, Thread } from './thread';

beforeEach(() => resetMachine());

function newTask(id: number): Task {
  return new Task(new Thread(id, 't', 8, NO_CORE), null, 0);
}

function liveIds(): number[] {
  const ids: number[] = [];
  for (let s = 0; s < taskSlots(); s++) {
    const t = taskInSlot(s);
    if (t !== null) ids.push(t.thread.id);
  }
  return ids.sort((a, b) => a - b);
}

describe('task table', () => {
  it('finds main and new tasks by id; ids are handed out in order', () => {
    initTasks(newTask(FIRST_THREAD_ID));
    expect(findTask(FIRST_THREAD_ID)?.thread.id).toBe(FIRST_THREAD_ID);
    expect(nextThreadId()).toBe(FIRST_THREAD_ID + 1);
    addTask(newTask(101));
    expect(findTask(101)?.thread.id).toBe(101);
    expect(findTask(102)).toBeNull();
    expect(findTask(7)).toBeNull();
    expect(() => addTask(newTask(105))).toThrow('task added out of id order');
  });

  it('agrees with a Map under random spawn and join, through growth', () => {
    const rng = new Rng(4242);
    initTasks(newTask(FIRST_THREAD_ID));
    const model = new Map<number, Task>([[FIRST_THREAD_ID, findTask(FIRST_THREAD_ID)!]]);
    for (let step = 0; step < 20_000; step++) {
      if (model.size < 2 || rng.below(100) < 55) {
        const t = newTask(nextThreadId());
        addTask(t);
        model.set(t.thread.id, t);
      } else {
        const ids = [...model.keys()].filter((id) => id !== FIRST_THREAD_ID);
        const id = rng.pick(ids);
        forgetTask(model.get(id)!);
        model.delete(id);
        expect(findTask(id)).toBeNull();
      }
      if (step % 97 === 0) {
        expect(liveIds()).toEqual([...model.keys()].sort((a, b) => a - b));
        for (const [id, t] of model) expect(findTask(id)).toBe(t);
      }
    }
    expect(liveTaskCount()).toBe(model.size);
  });

  it('stays at its size when threads come and go (spawn + join leaves no growth)', () => {
    initTasks(newTask(FIRST_THREAD_ID));
    for (let i = 0; i < 10; i++) addTask(newTask(nextThreadId()));
    const slots = taskSlots();
    for (let round = 0; round < 5000; round++) {
      const t = newTask(nextThreadId());
      addTask(t);
      forgetTask(t);
    }
    expect(taskSlots()).toBe(slots);
    expect(liveTaskCount()).toBe(11);
  });
});
