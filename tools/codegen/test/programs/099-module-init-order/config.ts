import { trace } from './trace';

export const PAGE_SIZE = trace('config.PAGE_SIZE', 4096);
export let pages = trace('config.pages', 16);

export function addPages(n: number): void {
  pages += n;
}
