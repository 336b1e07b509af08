/**
 * Open-file bookkeeping: one OpenNode per file or directory that has handles
 * (however many), one Handle per open(). Both tables are fixed arrays made
 * at mount; open() beyond them is -EMFILE, and nothing is allocated per open.
 *
 * Invariants:
 *   - a node is identified by where its short entry is (directory first
 *     cluster + slot; the root is dir -1 slot -1), so two opens of one file
 *     share one node and see one size; rename moves the location;
 *   - node.refs = number of handles naming it; a node with refs 0 is free;
 *   - an unlinked node (its entry removed while open) has no location; its
 *     clusters are freed when its last handle closes;
 *   - node.raw is the node's 32-byte short entry as it is (or would be) on
 *     disk: times and attributes are read from it, and every change to
 *     size/first cluster/times is written back to the directory at once
 *     (through the cache) while the node has a location.
 */
import { allocBytes, FixedArray, freeBytes, load16, load8, memcpy, release, store16, store32 } from '@unishyper/rt';
import { ChainHint } from './cluster-chain';
import { Dirent } from './layout';

export class OpenNode {
  refs = 0;
  isDir = false;
  /** Location of its short entry: directory first cluster (-1: this is the root) and slot. */
  dir = -1;
  slot = -1;
  first = 0;
  size = 0;
  /** Clusters in its chain (checked when the node was opened). */
  clusters = 0;
  unlinked = false;
  /** Inode number reported by stat while open. */
  ino = 0;
  readonly hint: ChainHint = new ChainHint();
  readonly raw: number;

  constructor() {
    this.raw = allocBytes(32, 8);
  }

  attr(): number {
    return load8(this.raw + Dirent.Attr);
  }

  /** Puts first cluster and size into raw. */
  storeLayout(): void {
    store16(this.raw + Dirent.FstClusHI, (this.first >> 16) & 0xffff);
    store16(this.raw + Dirent.FstClusLO, this.first & 0xffff);
    store32(this.raw + Dirent.FileSize, this.isDir ? 0 : this.size);
  }

  setRaw(src: number): void {
    memcpy(this.raw, src, 32);
    this.first = load16(src + Dirent.FstClusHI) * 65536 + load16(src + Dirent.FstClusLO);
  }

  [Symbol.dispose](): void {
    freeBytes(this.raw);
    this.hint[Symbol.dispose]();
    release(this.hint);
  }
}

export class Handle {
  /** Index of its node, -1 when the handle is free. */
  node = -1;
  flags = 0;
  /** readdir position: the last index returned and the slot of its entry (-1: none yet). */
  rdIndex = -1;
  rdSlot = 0;
}

export class FileTable {
  readonly nodes: FixedArray<OpenNode>;
  readonly handles: FixedArray<Handle>;

  constructor(maxNodes: number, maxHandles: number) {
    this.nodes = new FixedArray<OpenNode>(maxNodes, new OpenNode());
    for (let i = 1; i < maxNodes; i++) this.nodes.set(i, new OpenNode());
    this.handles = new FixedArray<Handle>(maxHandles, new Handle());
    for (let i = 1; i < maxHandles; i++) this.handles.set(i, new Handle());
  }

  /** The node at location (dir, slot) that is open, or -1. */
  findAt(dir: number, slot: number): number {
    for (let i = 0; i < this.nodes.length; i++) {
      const n = this.nodes.get(i);
      if (n.refs > 0 && !n.unlinked && n.dir === dir && n.slot === slot) return i;
    }
    return -1;
  }

  /** A free node index, or -1. */
  freeNode(): number {
    for (let i = 0; i < this.nodes.length; i++) {
      if (this.nodes.get(i).refs === 0) return i;
    }
    return -1;
  }

  /** A free handle number, or -1. */
  freeHandle(): number {
    for (let i = 0; i < this.handles.length; i++) {
      if (this.handles.get(i).node < 0) return i;
    }
    return -1;
  }

  /** The handle `h` when it is open, else null. */
  handle(h: number): Handle | null {
    if (h < 0 || h >= this.handles.length) return null;
    const x = this.handles.get(h);
    return x.node >= 0 ? x : null;
  }

  openHandles(): number {
    let n = 0;
    for (let i = 0; i < this.handles.length; i++) if (this.handles.get(i).node >= 0) n++;
    return n;
  }

  /** Moves every open node at (dir, slot) to (newDir, newSlot). */
  relocate(dir: number, slot: number, newDir: number, newSlot: number): void {
    for (let i = 0; i < this.nodes.length; i++) {
      const n = this.nodes.get(i);
      if (n.refs > 0 && !n.unlinked && n.dir === dir && n.slot === slot) {
        n.dir = newDir;
        n.slot = newSlot;
      }
    }
  }

  [Symbol.dispose](): void {
    for (let i = 0; i < this.nodes.length; i++) {
      const n = this.nodes.get(i);
      n[Symbol.dispose]();
      release(n);
    }
    for (let i = 0; i < this.handles.length; i++) release(this.handles.get(i));
    release(this.nodes);
    release(this.handles);
  }
}
