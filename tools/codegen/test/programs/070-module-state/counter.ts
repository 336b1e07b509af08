// Module-level mutable state, shared by every importer.
let count = 0;
let lastTag = 'none';

export function bump(tag: string): number {
  count++;
  lastTag = tag;
  return count;
}

export function current(): number {
  return count;
}

export function last(): string {
  return lastTag;
}

export function reset(): void {
  count = 0;
  lastTag = 'reset';
}
