import { defineApp } from '@unishyper/codegen/config';

export default defineApp({
  board: 'virt',
  // Each feature's package registers its shell commands (src/main.ts); leave
  // one out and its commands answer "needs the '...' feature".
  features: ['mm', 'threads', 'sync', 'fs', 'terminal'],
});
