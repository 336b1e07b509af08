import { PAGE_SIZE, pages } from './config';
import { trace } from './trace';

export const HEAP_BYTES = trace('heap.HEAP_BYTES', PAGE_SIZE * pages);
let allocated = trace('heap.allocated', 0);

export function take(n: number): number {
  allocated += n;
  return HEAP_BYTES - allocated;
}
