// @node-only: builds flattened device trees (Devicetree Specification v0.4, chapter 5) for tests. Not dialect code.

/** A property value: a string, a string list, 32-bit cells (numbers), 64-bit cell pairs (bigints) or raw bytes. */
export type FdtValue = string | string[] | number[] | bigint[] | Uint8Array;

export interface FdtNodeSpec {
  /** Node name with unit address, e.g. "intc@8000000"; "" for the root. */
  name: string;
  props?: Record<string, FdtValue>;
  children?: FdtNodeSpec[];
  /** FDT_NOP tokens to put before the properties (they must be skipped). */
  nops?: number;
}

function encode(v: FdtValue): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') return new TextEncoder().encode(`${v}\0`);
  if (v.length === 0) return new Uint8Array(0);
  if (typeof v[0] === 'string') return new TextEncoder().encode((v as string[]).map((s) => `${s}\0`).join(''));
  if (typeof v[0] === 'bigint') {
    const out = new DataView(new ArrayBuffer(v.length * 8));
    (v as bigint[]).forEach((x, i) => out.setBigUint64(i * 8, x));
    return new Uint8Array(out.buffer);
  }
  const out = new DataView(new ArrayBuffer(v.length * 4));
  (v as number[]).forEach((x, i) => out.setUint32(i * 4, x >>> 0));
  return new Uint8Array(out.buffer);
}

/** The device tree blob for `root`. */
export function buildFdt(root: FdtNodeSpec): Uint8Array {
  const struct: number[] = [];
  const strings: number[] = [];
  const stringOffsets = new Map<string, number>();
  const u32 = (x: number) => struct.push((x >>> 24) & 0xff, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff);
  const pad = () => {
    while (struct.length % 4 !== 0) struct.push(0);
  };
  const nameOffset = (name: string): number => {
    let off = stringOffsets.get(name);
    if (off === undefined) {
      off = strings.length;
      strings.push(...new TextEncoder().encode(`${name}\0`));
      stringOffsets.set(name, off);
    }
    return off;
  };
  const node = (n: FdtNodeSpec) => {
    u32(1);
    struct.push(...new TextEncoder().encode(`${n.name}\0`));
    pad();
    for (let i = 0; i < (n.nops ?? 0); i++) u32(4);
    for (const [name, value] of Object.entries(n.props ?? {})) {
      const bytes = encode(value);
      u32(3);
      u32(bytes.length);
      u32(nameOffset(name));
      struct.push(...bytes);
      pad();
    }
    for (const c of n.children ?? []) node(c);
    u32(2);
  };
  node(root);
  u32(9);
  const headerSize = 40;
  const rsvmap = 16;
  const offStruct = headerSize + rsvmap;
  const offStrings = offStruct + struct.length;
  const total = offStrings + strings.length;
  const blob = new Uint8Array(total);
  const dv = new DataView(blob.buffer);
  const header = [0xd00dfeed, total, offStruct, offStrings, headerSize, 17, 16, 0, strings.length, struct.length];
  header.forEach((x, i) => dv.setUint32(i * 4, x));
  blob.set(struct, offStruct);
  blob.set(strings, offStrings);
  return blob;
}
