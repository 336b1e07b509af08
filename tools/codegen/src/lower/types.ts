// Maps TypeScript types (under a generic substitution) to dialect IR types.
import { errorAt, unsupported } from '../diagnostics.js';
import { int, type IrType, NUM, BOOL, VOID, NEVER, STR, BIG, NULLT, type IntBits } from '../ir.js';
import { ts } from '../ts-adapter.js';
import type { Lowering } from './program.js';

export type Subst = Map<ts.Symbol, IrType>;

const BRANDS: Record<string, { bits: IntBits; signed: boolean }> = {
  u8: { bits: 8, signed: false },
  u16: { bits: 16, signed: false },
  u32: { bits: 32, signed: false },
  u64: { bits: 64, signed: false },
  i8: { bits: 8, signed: true },
  i16: { bits: 16, signed: true },
  i32: { bits: 32, signed: true },
  i64: { bits: 64, signed: true },
};

/** The brand of a fixed-width integer type (`number & { __brand: 'u32' }`), if any. */
export function brandOf(checker: ts.TypeChecker, t: ts.Type): string | undefined {
  if (!(t.flags & ts.TypeFlags.Intersection)) return undefined;
  const prop = t.getProperty('__brand');
  if (!prop) return undefined;
  const pt = checker.getTypeOfSymbol(prop);
  return pt.isStringLiteral() ? pt.value : undefined;
}

export function irTypeOf(L: Lowering, t: ts.Type, subst: Subst, at: ts.Node): IrType {
  const checker = L.checker;
  const f = t.flags;
  if (f & ts.TypeFlags.TypeParameter) {
    const bound = t.symbol && subst.get(t.symbol);
    if (bound) return bound;
    // `this` as a type (`const me = this;`) is the enclosing class: its constraint.
    const constraint = checker.getBaseConstraintOfType(t);
    if (checker.typeToString(t) === 'this' && constraint && constraint !== t) return irTypeOf(L, constraint, subst, at);
    errorAt(at, `type parameter '${checker.typeToString(t)}' has no concrete type here; give the variable or parameter a concrete type`);
  }
  const brand = brandOf(checker, t);
  if (brand) {
    const b = BRANDS[brand];
    if (!b) errorAt(at, `unknown integer brand '${brand}'`);
    return int(b.bits, b.signed);
  }
  if (f & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return NUM;
  if (f & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return BOOL;
  if (f & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) return STR;
  if (f & (ts.TypeFlags.BigInt | ts.TypeFlags.BigIntLiteral)) return BIG;
  if (f & ts.TypeFlags.Void) return VOID;
  if (f & ts.TypeFlags.Never) return NEVER;
  if (f & ts.TypeFlags.Null) return NULLT;
  if (f & ts.TypeFlags.Undefined)
    unsupported(at, `the value 'undefined' (type '${checker.typeToString(t)}')`, 'use null for a missing object, or a sentinel value');
  if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))
    unsupported(at, `type '${checker.typeToString(t)}'`, 'give the value a concrete dialect type');
  if (f & ts.TypeFlags.EnumLike)
    unsupported(at, "TypeScript 'enum'", 'use a const object with `as const` and its member types');
  if (t.isUnion()) {
    const parts = t.types.filter((m) => !(m.flags & ts.TypeFlags.Null));
    if (parts.length === 0) return NULLT;
    const irs = parts.map((p) => irTypeOf(L, p, subst, at));
    const nullable = parts.length < t.types.length;
    if (nullable && !irs.every((x) => x.k === 'obj' || x.k === 'iface' || x.k === 'fixed' || x.k === 'fn'))
      unsupported(at, `the type '${checker.typeToString(t)}'`, 'only object references can be null; use a sentinel value (e.g. -1) or a separate boolean');
    const first = irs[0]!;
    if (irs.length === 1) return first;
    // Numeric literals mixed with fixed-width values (e.g. `u8 | 32`) widen to number.
    if (irs.every((x) => x.k === 'num' || (x.k === 'int' && x.bits < 64)) && !irs.every((x) => x.k === 'int' && first.k === 'int' && x.bits === first.bits && x.signed === first.signed)) return NUM;
    const allSame = irs.every((x) => x.k === first.k && (x.k !== 'int' || (first.k === 'int' && x.bits === first.bits && x.signed === first.signed)));
    if (allSame && (first.k !== 'obj' || irs.every((x) => x.k === 'obj' && x.cls === first.cls)) && first.k !== 'iface' && first.k !== 'fn') return first;
    unsupported(at, `the union type '${checker.typeToString(t)}'`, 'unions are allowed only as `T | null` for object types, or of literals of one primitive type');
  }
  if (f & ts.TypeFlags.Object) return L.objectType(t, subst, at);
  unsupported(at, `type '${checker.typeToString(t)}'`, 'use number, boolean, string, a fixed-width integer type, a class, an interface or a function type');
}

export { NUM, BOOL, VOID, NEVER, STR, BIG, NULLT };
