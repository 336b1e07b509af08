// Module-level initialisers run once, dependencies first (ES module
// evaluation order), before main(); later reads see mutations made by
// any module.
import { kprint } from '@unishyper/rt';
import { HEAP_BYTES, take } from './heap';
import { addPages, pages, PAGE_SIZE } from './config';
import { trace } from './trace';

const BANNER = trace('main.BANNER', 7);

export function main(): void {
  kprint`main starts: BANNER ${BANNER}, HEAP_BYTES ${HEAP_BYTES}, PAGE_SIZE ${PAGE_SIZE}, pages ${pages}\n`;
  kprint`take(4096) -> ${take(4096)}\n`;
  kprint`take(100) -> ${take(100)}\n`;
  addPages(4);
  kprint`pages after addPages(4): ${pages}, HEAP_BYTES unchanged: ${HEAP_BYTES}\n`;
}
