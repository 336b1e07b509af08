// Calls to @unishyper/rt intrinsics. Each lowers to `rt_<name>(...)` from
// packages/rt/native/rt.h (see docs/lowering-contract.md), except the few the
// compiler expands itself: u64/i64/num by argument type, kprint, panic,
// system registers and release.
import { SYSREGS as RT_SYSREGS } from '@unishyper/rt/sim';
import { errorAt, unsupported } from '../diagnostics.js';
import { type IrType, isBigint, isIntegral, typeName, STR, VOID } from '../ir.js';
import { ts } from '../ts-adapter.js';
import type { FnCtx } from './context.js';
import { coerce, hasEffects, lowerArgs, lowerExpr, type Val } from './expr.js';
import { cType } from './ctypes.js';
import { cStringLiteral, type Lowering } from './program.js';

/** Intrinsics whose C function has exactly the TS signature. */
const PLAIN = new Set(
  ('u8 u16 u32 i8 i16 i32 mul32 mulu32 idiv divu32 remu32 divi32 remi32 divu64 remu64 divi64 remi64 shl64 shr64 sar64 ' +
    'clz32 ctz32 popcnt32 bswap16 bswap32 bswap64 rotl32 rotr32 ' +
    'load8 load16 load32 load64 store8 store16 store32 store64 memcpy memset onesSum16 allocBytes freeBytes ' +
    'atomicLoad64 atomicStore64 atomicCas64 atomicSwap64 atomicFetchAdd64 cleanupSlot runCleanups ' +
    'mmioRead8 mmioRead16 mmioRead32 mmioRead64 mmioWrite8 mmioWrite16 mmioWrite32 mmioWrite64 ' +
    'dmb dsb isb dmbIsh dsbIsh wfi wfe sev strLen strByteAt strFromBytes checkIndex').split(' '),
);
/** Intrinsics that carry the call site for their panic message. */
const WITH_LOCATION = new Set('idiv divu32 remu32 divi32 remi32 divu64 remu64 divi64 remi64 strByteAt'.split(' '));
const SPECIAL = new Set(['u64', 'i64', 'num', 'panic', 'release', 'readSysreg', 'writeSysreg', 'hex', 'kprint']);

/** The system registers readSysreg/writeSysreg accept: rt's list, the one place they are named. */
export const SYSREGS: ReadonlySet<string> = new Set(RT_SYSREGS);

export function isIntrinsicCallee(L: Lowering, sym: ts.Symbol | undefined): boolean {
  if (!sym || !L.isRtSymbol(sym)) return false;
  const decl = sym.declarations?.[0];
  return !!decl && ts.isFunctionDeclaration(decl) && (PLAIN.has(sym.name) || SPECIAL.has(sym.name));
}

export function lowerIntrinsicCall(F: FnCtx, e: ts.CallExpression, name: string): Val {
  const L = F.L;
  const args = e.arguments;
  const one = () => {
    if (args.length !== 1) errorAt(e, `${name}() takes one argument`);
    return lowerExpr(F, args[0]!);
  };
  switch (name) {
    case 'u64':
    case 'i64': {
      const v = one();
      const t: IrType = { k: 'int', bits: 64, signed: name === 'i64' };
      if (isIntegral(v.t)) return { t, c: `rt_${name}_from_num(${v.t.k === 'num' ? v.c : `(int64_t)${v.c}`})` };
      if (isBigint(v.t)) return { t, c: name === 'u64' ? `(uint64_t)${v.c}` : `(int64_t)(uint64_t)${v.c}` };
      errorAt(e, `${name}() takes a number or a bigint, not a ${typeName(v.t)}`);
    }
    case 'num': {
      const v = one();
      if (v.t.k === 'int' && v.t.bits === 64) return { t: { k: 'num' }, c: `rt_num_${v.t.signed ? 'i64' : 'u64'}_at(${v.c}, ${F.loc(e)})` };
      if (v.t.k === 'big') unsupported(e, 'num() of an unwrapped bigint', 'wrap it with u64() or i64() first, so its value is known exactly');
      errorAt(e, `num() takes a u64 or i64, not a ${typeName(v.t)}`);
    }
    case 'panic': {
      const v = one();
      if (v.t.k !== 'str') errorAt(e, 'panic() takes a string message');
      return { t: { k: 'never' }, c: `rt_panic(${v.c}, ${F.loc(e)})` };
    }
    case 'release': {
      const v = one();
      // A closure's heap environment (escaping closures) is what release() frees.
      if (v.t.k === 'fn') return { t: VOID, c: `({ rt_closure rc_ = ${v.c}; if (rc_.env) rt_free(rc_.env); })` };
      if (v.t.k !== 'obj' && v.t.k !== 'iface' && v.t.k !== 'fixed') errorAt(e, 'release() takes a class instance (also through an interface), a FixedArray or an escaping closure');
      return { t: VOID, c: `rt_free(${v.c})` };
    }
    case 'readSysreg':
    case 'writeSysreg': {
      const reg = args[0];
      if (!reg || !ts.isStringLiteral(reg)) errorAt(e, `${name}() needs the register name as a string literal`);
      if (!SYSREGS.has(reg.text)) errorAt(reg, `unknown system register '${reg.text}'`);
      if (name === 'readSysreg') return { t: { k: 'int', bits: 64, signed: false }, c: `rt_mrs(${reg.text})` };
      if (args.length !== 2) errorAt(e, 'writeSysreg(name, value) takes two arguments');
      const v = lowerExpr(F, args[1]!);
      return { t: VOID, c: `rt_msr(${reg.text}, ${coerce(F, v, { k: 'big' }, args[1]!)})` };
    }
    case 'hex':
      errorAt(e, 'hex() formats a value inside kprint`...` only');
    case 'kprint':
      errorAt(e, 'kprint is a tagged template: write kprint`text ${value}`');
  }
  // Plain intrinsic: parameter and result types from its TS declaration.
  const sig = L.checker.getResolvedSignature(e);
  if (!sig) errorAt(e, `cannot resolve the call to ${name}()`);
  const decl = sig.getDeclaration() as ts.FunctionDeclaration;
  const params = decl.parameters.map((p) => L.irType(L.checker.getTypeAtLocation(p.name), new Map(), p));
  const ret = L.irType(sig.getReturnType(), new Map(), e);
  const { pre, args: cargs } = lowerArgs(F, args, params, e);
  // Panicking intrinsics take the TypeScript call site for their message.
  const call = WITH_LOCATION.has(name) ? `rt_${name}_at(${[...cargs, F.loc(e)].join(', ')})` : `rt_${name}(${cargs.join(', ')})`;
  return { t: ret, c: pre ? `({ ${pre}${call}; })` : call };
}

/** kprint`...`: one typed put per piece; allocates nothing. */
export function lowerKprint(F: FnCtx, e: ts.TaggedTemplateExpression): Val {
  const L = F.L;
  const sym = L.resolveSymbol(L.checker.getSymbolAtLocation(e.tag));
  if (!ts.isIdentifier(e.tag) || !L.isRtSymbol(sym, 'kprint')) unsupported(e, 'a tagged template other than kprint', 'print with kprint`...` from @unishyper/rt');
  const parts: string[] = [];
  const lit = (s: string) => {
    if (s.length) parts.push(`rt_put_str(RT_STR(${cStringLiteral(s)}))`);
  };
  const tpl = e.template;
  // JS evaluates every ${...} before the tag prints anything: when one has
  // effects (prints, panics), evaluate them all into temporaries first.
  const pre: string[] = [];
  const early = !ts.isNoSubstitutionTemplateLiteral(tpl) && tpl.templateSpans.some((s) => hasEffects(s.expression));
  if (ts.isNoSubstitutionTemplateLiteral(tpl)) lit(tpl.text);
  else {
    lit(tpl.head.text);
    for (const span of tpl.templateSpans) {
      parts.push(putValue(F, span.expression, early ? pre : undefined));
      lit(span.literal.text);
    }
  }
  const all = [...pre, ...parts];
  return { t: VOID, c: all.length ? `({ ${all.join('; ')}; })` : '((void)0)' };
}

function putValue(F: FnCtx, x: ts.Expression, pre?: string[]): string {
  const L = F.L;
  const hoist = (v: Val): Val => {
    if (!pre) return v;
    const t = F.tmp('kp');
    pre.push(`${cType(v.t, t)} = ${v.c}`);
    return { t: v.t, c: t };
  };
  if (ts.isCallExpression(x) && ts.isIdentifier(x.expression)) {
    const sym = L.resolveSymbol(L.checker.getSymbolAtLocation(x.expression));
    if (L.isRtSymbol(sym, 'hex')) {
      if (x.arguments.length !== 1) errorAt(x, 'hex() takes one argument');
      const v = hoist(lowerExpr(F, x.arguments[0]!));
      if (isIntegral(v.t)) return `rt_put_hex(${v.t.k === 'num' ? v.c : `(int64_t)${v.c}`})`;
      if (v.t.k === 'int' && v.t.bits === 64) return v.t.signed ? `rt_put_hex_i64(${v.c})` : `rt_put_hex_u64(${v.c})`;
      errorAt(x, `hex() takes a number or a wrapped bigint, not a ${typeName(v.t)}`);
    }
  }
  const v0 = lowerExpr(F, x);
  if (v0.t.k === 'big') unsupported(x, 'printing an unwrapped bigint', 'wrap it with u64() or i64() first, so its value is known exactly');
  const v = hoist(v0);
  switch (v.t.k) {
    case 'num':
      return `rt_put_i64(${v.c})`;
    case 'int':
      if (v.t.bits === 64) return v.t.signed ? `rt_put_i64(${v.c})` : `rt_put_u64(${v.c})`;
      return `rt_put_i64((int64_t)${v.c})`;
    case 'bool':
      return `rt_put_bool(${v.c})`;
    case 'str':
      return `rt_put_str(${v.c})`;
    case 'big':
      unsupported(x, 'printing an unwrapped bigint', 'wrap it with u64() or i64() first, so its value is known exactly');
    default:
      unsupported(x, `printing a ${typeName(v.t)}`, 'print its fields, or a number/string describing it');
  }
}

export { STR };
