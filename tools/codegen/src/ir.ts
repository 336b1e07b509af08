// The typed IR between the TypeScript AST and C. Every expression carries its
// dialect type; operators are already resolved to their exact semantics
// (number vs fixed-width vs bigint), so the C emitter is a plain printer.
import type { ts } from './ts-adapter.js';

export type IntBits = 8 | 16 | 32 | 64;

export type IrType =
  | { k: 'num' } // `number`: int64 in the safe-integer domain
  | { k: 'bool' }
  | { k: 'void' }
  | { k: 'never' }
  | { k: 'str' }
  | { k: 'int'; bits: IntBits; signed: boolean } // u8..u32, i8..i32, u64, i64
  | { k: 'big' } // an unwrapped bigint intermediate, held mod 2^64
  | { k: 'obj'; cls: ClassInst } // pointer to a class instance, may be null
  | { k: 'iface'; iface: IfaceInst } // pointer to any implementing instance
  | { k: 'fixed'; elem: IrType } // FixedArray<T>
  | { k: 'table'; elem: IrType } // module-level readonly const table
  | { k: 'fn'; params: IrType[]; ret: IrType } // closure value
  | { k: 'null' };

export const NUM: IrType = { k: 'num' };
export const BOOL: IrType = { k: 'bool' };
export const VOID: IrType = { k: 'void' };
export const NEVER: IrType = { k: 'never' };
export const STR: IrType = { k: 'str' };
export const BIG: IrType = { k: 'big' };
export const NULLT: IrType = { k: 'null' };
export const int = (bits: IntBits, signed: boolean): IrType => ({ k: 'int', bits, signed });

export interface FieldInfo {
  name: string;
  type: IrType;
  /** A redeclaration of a base class's field: JS has one property, so it has no storage of its own. */
  redeclares?: boolean;
}

/** One monomorphised class: a declaration plus concrete type arguments. */
export interface ClassInst {
  key: string;
  cname: string; // C struct / function prefix
  decl: ts.ClassDeclaration;
  typeArgs: IrType[];
  subst: Map<ts.Symbol, IrType>;
  base?: ClassInst;
  ownFields: FieldInfo[];
  cid: number; // class id stored in every object's header
  instantiated: boolean; // some `new` of it is reachable
  tsType: ts.Type;
}

export interface IfaceInst {
  key: string;
  cname: string;
  tsType: ts.Type;
}

export function typeKey(t: IrType): string {
  switch (t.k) {
    case 'int':
      return (t.signed ? 'i' : 'u') + t.bits;
    case 'obj':
      return t.cls.cname;
    case 'iface':
      return t.iface.cname;
    case 'fixed':
      return `FixedArray_${typeKey(t.elem)}`;
    case 'table':
      return `Table_${typeKey(t.elem)}`;
    case 'fn':
      return `fn_${t.params.map(typeKey).join('_')}_r_${typeKey(t.ret)}`;
    default:
      return t.k;
  }
}

export const isIntegral = (t: IrType) => t.k === 'num' || (t.k === 'int' && t.bits < 64);
export const isBigint = (t: IrType) => t.k === 'big' || (t.k === 'int' && t.bits === 64);
export const isPointer = (t: IrType) =>
  t.k === 'obj' || t.k === 'iface' || t.k === 'fixed' || t.k === 'null';

export function sameType(a: IrType, b: IrType): boolean {
  return typeKey(a) === typeKey(b);
}

export function typeName(t: IrType): string {
  switch (t.k) {
    case 'num':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'str':
      return 'string';
    case 'big':
      return 'bigint';
    case 'int':
      return typeKey(t);
    case 'obj':
      return t.cls.cname;
    case 'iface':
      return t.iface.cname;
    case 'fixed':
      return `FixedArray<${typeName(t.elem)}>`;
    case 'table':
      return `readonly ${typeName(t.elem)}[]`;
    case 'fn':
      return `(${t.params.map(typeName).join(', ')}) => ${typeName(t.ret)}`;
    default:
      return t.k;
  }
}
