// const objects used as enums: reading members, comparing, switching on
// them, storing them in fields, passing them as typed parameters.
import { kprint } from '@unishyper/rt';

const Color = { Red: 0, Green: 1, Blue: 2 } as const;
type Color = (typeof Color)[keyof typeof Color];

const ThreadState = {
  Ready: 10,
  Running: 20,
  Blocked: 30,
  Exited: 40,
} as const;
type ThreadState = (typeof ThreadState)[keyof typeof ThreadState];

function colorName(c: Color): string {
  switch (c) {
    case Color.Red:
      return 'red';
    case Color.Green:
      return 'green';
    case Color.Blue:
      return 'blue';
  }
}

function next(c: Color): Color {
  if (c === Color.Red) return Color.Green;
  if (c === Color.Green) return Color.Blue;
  return Color.Red;
}

class Thread {
  state: ThreadState = ThreadState.Ready;
  id: number;
  constructor(id: number) {
    this.id = id;
  }
  transition(to: ThreadState): void {
    kprint`thread ${this.id}: ${this.state} -> ${to}\n`;
    this.state = to;
  }
}

export function main(): void {
  kprint`Red = ${Color.Red}, Green = ${Color.Green}, Blue = ${Color.Blue}\n`;
  let c: Color = Color.Blue;
  for (let i = 0; i < 4; i++) {
    kprint`${colorName(c)} `;
    c = next(c);
  }
  kprint`\n`;
  const t = new Thread(100);
  t.transition(ThreadState.Running);
  t.transition(ThreadState.Blocked);
  t.transition(ThreadState.Ready);
  t.transition(ThreadState.Exited);
  kprint`exited: ${t.state === ThreadState.Exited}, running: ${t.state === ThreadState.Running}\n`;
  kprint`sum of states = ${ThreadState.Ready + ThreadState.Running + ThreadState.Blocked + ThreadState.Exited}\n`;
  const s: ThreadState = ThreadState.Blocked;
  kprint`blocked > running: ${s > ThreadState.Running}\n`;
}
