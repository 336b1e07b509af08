/**
 * A node of the RAM file system: a file (its bytes in one heap block that
 * grows) or a directory (its children in a doubly linked list, in the order
 * they were added — the order readdir gives).
 *
 * Invariants (under the file system's lock):
 * - `name` is the node's UTF-8 name (owned bytes; the root's is empty);
 * - a file's bytes [0, size) are its contents, [size, cap) are undefined:
 *   whoever grows `size` zeroes the gap first;
 * - `linked` is false once the node has left the tree (unlink, rmdir, or
 *   replaced by a rename); it is freed when also `opens` is 0.
 */
import { allocBytes, freeBytes, load8, store8, strByteAt, StrBuf } from '@unishyper/rt';
import { NodeType } from '../file-system';

export class RamNode {
  parent: RamNode | null = null;
  firstChild: RamNode | null = null;
  lastChild: RamNode | null = null;
  prev: RamNode | null = null;
  next: RamNode | null = null;
  children = 0;
  nameBase = 0;
  nameLen = 0;
  data = 0;
  size = 0;
  cap = 0;
  opens = 0;
  linked = true;

  constructor(readonly type: number, readonly ino: number) {}

  isDir(): boolean {
    return this.type === NodeType.Directory;
  }

  /** Sets the name to bytes [start, start + len) of `path`. */
  setName(path: string, start: number, len: number): void {
    if (this.nameBase !== 0) freeBytes(this.nameBase);
    this.nameBase = allocBytes(len > 0 ? len : 1, 1);
    for (let i = 0; i < len; i++) store8(this.nameBase + i, strByteAt(path, start + i));
    this.nameLen = len;
  }

  nameEquals(path: string, start: number, len: number): boolean {
    if (len !== this.nameLen) return false;
    for (let i = 0; i < len; i++) if (load8(this.nameBase + i) !== strByteAt(path, start + i)) return false;
    return true;
  }

  /** Appends the name to `out`. */
  copyName(out: StrBuf): void {
    for (let i = 0; i < this.nameLen; i++) out.pushByte(load8(this.nameBase + i));
  }

  /** The child named by bytes [start, start + len) of `path`, or null. */
  findChild(path: string, start: number, len: number): RamNode | null {
    let c = this.firstChild;
    while (c !== null) {
      if (c.nameEquals(path, start, len)) return c;
      c = c.next;
    }
    return null;
  }

  /** The `index`-th child, or null. */
  childAt(index: number): RamNode | null {
    let c = this.firstChild;
    for (let i = 0; i < index && c !== null; i++) c = c.next;
    return c;
  }

  addChild(c: RamNode): void {
    c.parent = this;
    c.prev = this.lastChild;
    c.next = null;
    if (this.lastChild !== null) this.lastChild.next = c;
    else this.firstChild = c;
    this.lastChild = c;
    this.children++;
  }

  removeChild(c: RamNode): void {
    if (c.prev !== null) c.prev.next = c.next;
    else this.firstChild = c.next;
    if (c.next !== null) c.next.prev = c.prev;
    else this.lastChild = c.prev;
    c.parent = null;
    c.prev = null;
    c.next = null;
    this.children--;
  }

  /** Frees the name and the data (the node object itself is the caller's to release). */
  freeContents(): void {
    if (this.nameBase !== 0) freeBytes(this.nameBase);
    if (this.data !== 0) freeBytes(this.data);
    this.nameBase = 0;
    this.data = 0;
    this.cap = 0;
  }
}
