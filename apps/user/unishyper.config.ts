import { defineApp } from '@unishyper/codegen/config';

export default defineApp({
  board: 'virt',
  features: ['mm'],
});
