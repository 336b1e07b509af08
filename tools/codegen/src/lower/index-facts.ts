// Bounds checks narrowed by what the dialect knows about how an index relates
// to its array's length, when that length is not a constant (ctor-facts.ts
// covers sizes the whole program fixes).
//
// For `this.arr` with every initialiser `new FixedArray(p, ...)` (or
// `new FixedArray(this.g, ...)` with g a parameter property of p), p a
// constructor parameter never assigned, a stable field f that is p itself
// (parameter property) or set once, by a top-level `this.f = p - 1` with no
// call between it and arr's assignment (so no code sees one without the
// other), always holds length or length - 1 once arr is set:
//   - `A % this.f` (or a const local holding it, or a call of a method of
//     this whose body is `return A % this.f`): the remainder did not panic,
//     so f = length > 0 and the result lies in (-length, length): only a
//     negative result can fail, and none when A is provably non-negative;
//   - `A & this.m` with m = length - 1: when ToInt32(m) >= 0 the result lies
//     in [0, ToInt32(m)] within [0, m]; only when it is negative (length 0)
//     is the usual check made.
// Otherwise a provably non-negative index (nonneg.ts) is checked with a
// signed `i >= length`, which gcc folds against a loop's `i < length`.
// A failing index panics exactly as rt_index_check does.
import type { ClassInst } from '../ir.js';
import { ts } from '../ts-adapter.js';
import { constValue, stripParens } from './const-fold.js';
import type { FnCtx } from './context.js';
import { assigns, assignsField, callFree, ctorWithBody } from './ctor-facts.js';
import { fieldInits, stableFieldDecl } from './fixed-facts.js';
import { nonNegative } from './nonneg.js';
import { methodName, type Lowering } from './program.js';

const thisField = (e: ts.Expression): string | undefined => {
  e = stripParens(e);
  return ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword ? e.name.text : undefined;
};

/** The constructor parameter `id` names, when it is never assigned in the constructor. */
function fixedParam(L: Lowering, ctor: ts.ConstructorDeclaration, id: ts.Expression): ts.ParameterDeclaration | undefined {
  id = stripParens(id);
  if (!ts.isIdentifier(id)) return undefined;
  const d = L.checker.getSymbolAtLocation(id)?.valueDeclaration;
  return d && ts.isParameter(d) && d.parent === ctor && !assigns(ctor.body!, id.text) ? d : undefined;
}

/** Index of the top-level constructor statement containing `n` (-0.5 for a field initialiser). */
function orderIn(ctor: ts.ConstructorDeclaration, n: ts.Node): number {
  for (let c: ts.Node = n; c.parent; c = c.parent) if (c.parent === ctor.body) return ctor.body.statements.indexOf(c as ts.Statement);
  return -0.5;
}

/** Field f of cls as `p + off` for a constructor parameter p, with when it is set (-1: before any other code). */
function fieldFromParam(L: Lowering, cls: ClassInst, f: string): { p: ts.ParameterDeclaration; off: bigint; order: number } | undefined {
  const d = stableFieldDecl(L, cls, f);
  const owner = d && ((ts.isParameter(d) ? d.parent.parent : d.parent) as ts.ClassLikeDeclaration);
  const ctor = owner && ctorWithBody(owner);
  if (!d || !ctor) return undefined;
  const writes = ctor.body!.statements.filter((s) => assignsField(s, f));
  if (ts.isParameter(d)) return d.parent === ctor && !writes.length && !assigns(ctor.body!, f) ? { p: d, off: 0n, order: -1 } : undefined;
  if (d.initializer || writes.length !== 1) return undefined;
  const st = writes[0]!;
  if (!ts.isExpressionStatement(st) || !ts.isBinaryExpression(st.expression) || st.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  if (thisField(st.expression.left) !== f) return undefined;
  const v = stripParens(st.expression.right);
  let p = fixedParam(L, ctor, v);
  let off = 0n;
  if (!p && ts.isBinaryExpression(v) && (v.operatorToken.kind === ts.SyntaxKind.MinusToken || v.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
    const k = constValue(L, v.right);
    p = fixedParam(L, ctor, v.left);
    if (typeof k !== 'bigint') return undefined;
    off = v.operatorToken.kind === ts.SyntaxKind.MinusToken ? -k : k;
  }
  return p ? { p, off, order: ctor.body!.statements.indexOf(st) } : undefined;
}

/**
 * True when no code can run between arr's assignment `at` and f's (statement
 * `order`, -1 for a parameter property): f comes first, or arr is assigned by
 * its own top-level statement (or initialiser) and nothing up to f's
 * assignment contains a call.
 */
function setBefore(L: Lowering, cls: ts.ClassLikeDeclaration, ctor: ts.ConstructorDeclaration, at: ts.Node, order: number): boolean {
  const o = orderIn(ctor, at);
  if (o > order) return true;
  const stmts = ctor.body!.statements;
  if (ts.isPropertyDeclaration(at)) {
    const props = cls.members.filter(ts.isPropertyDeclaration);
    return props.slice(props.indexOf(at) + 1).every((m) => callFree(L, m.initializer)) && stmts.slice(0, order + 1).every((s) => callFree(L, s));
  }
  return ts.isExpressionStatement(at.parent) && at.parent.parent === ctor.body && stmts.slice(o + 1, order + 1).every((s) => callFree(L, s));
}

/** f - length of arr, when stable field f of cls always holds that once arr is set. */
export function offsetFromLength(L: Lowering, cls: ClassInst, arr: string, f: string): bigint | undefined {
  const d = stableFieldDecl(L, cls, arr);
  if (!d || ts.isParameter(d)) return undefined;
  const ctor = ctorWithBody(d.parent);
  const rel = fieldFromParam(L, cls, f);
  if (!ctor || !rel || rel.p.parent !== ctor) return undefined;
  const inits = fieldInits(d);
  const ok = inits.length > 0 && inits.every(({ value, at }) => {
    const e = stripParens(value);
    if (!ts.isNewExpression(e) || !ts.isIdentifier(e.expression) || !L.isRtSymbol(L.resolveSymbol(L.checker.getSymbolAtLocation(e.expression)), 'FixedArray')) return false;
    const n = e.arguments?.[0];
    if (!n) return false;
    const g = thisField(n);
    const byParam = g !== undefined ? fieldFromParam(L, cls, g) : undefined;
    const p = g !== undefined ? (byParam?.off === 0n && byParam.order === -1 ? byParam.p : undefined) : fixedParam(L, ctor, n);
    return p === rel.p && setBefore(L, d.parent, ctor, at, rel.order);
  });
  return ok ? rel.off : undefined;
}

/** The initialiser of a `const` local `id` names. */
function constInit(L: Lowering, id: ts.Identifier): ts.Expression | undefined {
  const d = L.checker.getSymbolAtLocation(id)?.valueDeclaration;
  return d && ts.isVariableDeclaration(d) && ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const ? d.initializer : undefined;
}

/** The dividend when `e` is `A % this.f` with f the length of this.arr (through const locals and one-line methods). */
function remByLength(F: FnCtx, cls: ClassInst, arr: string, e: ts.Expression, depth = 0): ts.Expression | undefined {
  const L = F.L;
  e = stripParens(e);
  if (depth > 3) return undefined;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PercentToken) {
    const f = thisField(e.right);
    return f !== undefined && offsetFromLength(L, cls, arr, f) === 0n ? e.left : undefined;
  }
  if (ts.isIdentifier(e)) {
    const init = constInit(L, e);
    return init && remByLength(F, cls, arr, init, depth + 1);
  }
  // this.m(...) where m is `{ return A % this.f; }` and no subclass can replace it.
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const m = L.findMethod(cls, e.expression.name.text);
    const body = m?.decl.body?.statements;
    if (!m || m.owner !== cls || !body || body.length !== 1 || !ts.isReturnStatement(body[0]!) || !body[0].expression) return undefined;
    if (overridden(L, cls.decl, methodName(m.decl))) return undefined;
    return remByLength(F, cls, arr, body[0].expression, depth + 1);
  }
  return undefined;
}

/** True when some class extending `decl` declares a method `name`. */
function overridden(L: Lowering, decl: ts.ClassDeclaration, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isClassLike(n) && n !== decl && n.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword))
      if (n.members.some((x) => ts.isMethodDeclaration(x) && ts.isIdentifier(x.name) && x.name.text === name)) found = true;
    ts.forEachChild(n, visit);
  };
  for (const sf of L.program.getSourceFiles()) if (!sf.isDeclarationFile) visit(sf);
  return found;
}

/** The mask operand when `e` is `A & this.m` (or a const local holding it) with m = length of this.arr - 1. */
function maskByLength(F: FnCtx, cls: ClassInst, arr: string, e: ts.Expression, depth = 0): ts.Expression | undefined {
  e = stripParens(e);
  if (depth > 3) return undefined;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandToken) {
    for (const side of [e.right, e.left]) {
      const m = thisField(side);
      if (m !== undefined && offsetFromLength(F.L, cls, arr, m) === -1n) return side;
    }
    return undefined;
  }
  if (ts.isIdentifier(e)) {
    const init = constInit(F.L, e);
    return init && maskByLength(F, cls, arr, init, depth + 1);
  }
  return undefined;
}

/**
 * The C index for `recv.get(idx)` / `recv.set(idx, v)`: `i` (the lowered index)
 * checked against `len` as far as the facts above leave necessary.
 * `lowerMask` lowers the mask operand again (a stable field: same value).
 */
export function checkedIndex(F: FnCtx, recv: ts.Expression, idx: ts.Expression, i: string, len: string, loc: string, lowerMask: (m: ts.Expression) => string): string {
  const full = `rt_index_check(${i}, ${len}, ${loc})`;
  // A non-negative index fails only at or above the length: a signed compare
  // gcc can fold against the loop's `i < length`.
  const upper = () => {
    if (constValue(F.L, idx) !== undefined) return full; // `len == 0` is one instruction, `len <= 0` two
    const ix = F.tmp('ix');
    return `({ int64_t ${ix} = ${i}; if (${ix} >= ${len}) rt_index_fail(${ix}, ${len}, ${loc}); ${ix}; })`;
  };
  const arr = thisField(recv);
  const cls = F.thisCls();
  // A constant length (ctor-facts.ts) leaves gcc everything it needs.
  if (arr === undefined || !cls || /^\d+L$/.test(len)) return nonNegative(F.L, idx) ? upper() : full;
  const dividend = remByLength(F, cls, arr, idx);
  if (dividend) {
    if (nonNegative(F.L, dividend)) return `(${i})`;
    const ix = F.tmp('ix');
    return `({ int64_t ${ix} = ${i}; if (${ix} < 0) rt_index_fail(${ix}, ${len}, ${loc}); ${ix}; })`;
  }
  const mask = maskByLength(F, cls, arr, idx);
  if (mask) {
    const ix = F.tmp('ix');
    return `({ int64_t ${ix} = ${i}; if ((int32_t)(${lowerMask(mask)}) < 0) ${ix} = rt_index_check(${ix}, ${len}, ${loc}); ${ix}; })`;
  }
  return nonNegative(F.L, idx) ? upper() : full;
}
