// Interfaces as element type of a FixedArray and as a field; objects of
// different classes behind one interface, one class implementing two
// interfaces.
import { FixedArray, kprint } from '@unishyper/rt';

interface Task {
  run(tick: number): boolean;
  id(): number;
}

interface Named {
  label(): string;
}

class Once implements Task, Named {
  done = false;
  n: number;
  constructor(n: number) {
    this.n = n;
  }
  run(tick: number): boolean {
    if (this.done) return false;
    this.done = true;
    kprint`  once#${this.n} ran at tick ${tick}\n`;
    return true;
  }
  id(): number {
    return this.n;
  }
  label(): string {
    return 'once';
  }
}

class Every implements Task {
  period: number;
  n: number;
  runs = 0;
  constructor(n: number, period: number) {
    this.n = n;
    this.period = period;
  }
  run(tick: number): boolean {
    if (tick % this.period !== 0) return false;
    this.runs++;
    kprint`  every#${this.n} run ${this.runs}\n`;
    return true;
  }
  id(): number {
    return this.n;
  }
}

class Scheduler {
  tasks: FixedArray<Task>;
  constructor(tasks: FixedArray<Task>) {
    this.tasks = tasks;
  }
  step(tick: number): number {
    let ran = 0;
    for (let i = 0; i < this.tasks.length; i++) {
      if (this.tasks.get(i).run(tick)) ran++;
    }
    return ran;
  }
}

function describe(n: Named): void {
  kprint`named: ${n.label()}\n`;
}

export function main(): void {
  const once = new Once(1);
  const tasks = new FixedArray<Task>(4, once);
  tasks.set(1, new Every(2, 2));
  tasks.set(2, new Every(3, 3));
  tasks.set(3, new Once(4));
  const s = new Scheduler(tasks);
  for (let tick = 1; tick <= 6; tick++) {
    kprint`tick ${tick}:\n`;
    const ran = s.step(tick);
    kprint`  ran ${ran}\n`;
  }
  let ids = 0;
  for (let i = 0; i < tasks.length; i++) ids = ids * 10 + tasks.get(i).id();
  kprint`ids = ${ids}\n`;
  describe(once);
}
