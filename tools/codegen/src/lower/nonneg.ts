// Which `number` expressions are provably >= 0, for bounds checks
// (index-facts.ts): a non-negative index needs only `i >= length`, which gcc
// folds against a loop bound `i < length` (the unsigned compare that also
// catches i < 0 it cannot fold without knowing i >= 0).
//
// Proven non-negative: constants >= 0; `x >>> k`; `a & b` when ToInt32 of
// one side is >= 0; `a % b` with a >= 0 (the sign follows the dividend);
// u8/u16/u32(x); a const local with such an initialiser; a `let` written
// only by such an initialiser and by the `i++` of the `for` that declares it
// with condition `i < E` (so the increment cannot wrap); a field whose every
// declaration has such an initialiser and every write anywhere (by name, any
// receiver) is `x.f = <non-negative>` (assumed while the writes are checked:
// an inductive invariant, as every value stored keeps it).
import { ts } from '../ts-adapter.js';
import { constValue, stripParens } from './const-fold.js';
import type { Lowering } from './program.js';

const isAssignOp = (k: ts.SyntaxKind) => k >= ts.SyntaxKind.FirstAssignment && k <= ts.SyntaxKind.LastAssignment;
const isIncDec = (n: ts.Node): n is ts.PrefixUnaryExpression | ts.PostfixUnaryExpression =>
  (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken);

const fieldCache = new WeakMap<Lowering, Map<string, boolean>>();
const assuming = new Set<string>();

/** True when `e` is provably >= 0 (or panics before giving a value). */
export function nonNegative(L: Lowering, e: ts.Expression, depth = 0): boolean {
  e = stripParens(e);
  if (depth > 6) return false;
  const c = constValue(L, e);
  if (typeof c === 'bigint') return c >= 0n;
  if (ts.isBinaryExpression(e)) {
    const k = e.operatorToken.kind;
    if (k === ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken) return true;
    if (k === ts.SyntaxKind.PercentToken) return nonNegative(L, e.left, depth + 1);
    if (k === ts.SyntaxKind.AmpersandToken) return int32NonNeg(L, e.left) || int32NonNeg(L, e.right);
    return false;
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) {
    const sym = L.resolveSymbol(L.checker.getSymbolAtLocation(e.expression));
    return ['u8', 'u16', 'u32'].some((w) => L.isRtSymbol(sym, w));
  }
  if (ts.isIdentifier(e)) return localNonNeg(L, e, depth);
  if (ts.isPropertyAccessExpression(e) && L.checker.getTypeAtLocation(e).flags & ts.TypeFlags.NumberLike) return fieldNonNeg(L, e.name.text);
  return false;
}

/** True when ToInt32(e) >= 0: a constant, or `x >>> k` with k & 31 >= 1. */
function int32NonNeg(L: Lowering, e: ts.Expression): boolean {
  e = stripParens(e);
  const c = constValue(L, e);
  if (typeof c === 'bigint') return BigInt.asIntN(32, c) >= 0n;
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken) return false;
  const k = constValue(L, e.right);
  return typeof k === 'bigint' && (k & 31n) >= 1n;
}

function localNonNeg(L: Lowering, id: ts.Identifier, depth: number): boolean {
  const sym = L.checker.getSymbolAtLocation(id);
  const d = sym?.valueDeclaration;
  if (!d || !ts.isVariableDeclaration(d) || !d.initializer || !nonNegative(L, d.initializer, depth + 1)) return false;
  if (ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const) return true;
  // A let: its only other write may be the `i++` of its own `for (...; i < E; i++)`.
  const loop = d.parent.parent;
  const counted =
    ts.isForStatement(loop) && loop.initializer === d.parent && !!loop.incrementor && isIncDec(loop.incrementor) &&
    loop.incrementor.operator === ts.SyntaxKind.PlusPlusToken && !!loop.condition && ts.isBinaryExpression(loop.condition) &&
    loop.condition.operatorToken.kind === ts.SyntaxKind.LessThanToken && stripParens(loop.condition.left).getText() === id.text;
  let scope: ts.Node = d;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    let target: ts.Expression | undefined;
    if (ts.isBinaryExpression(n) && isAssignOp(n.operatorToken.kind)) target = n.left;
    if (isIncDec(n)) target = n.operand;
    if (target && ts.isIdentifier(stripParens(target)) && L.checker.getSymbolAtLocation(stripParens(target)) === sym)
      if (!(counted && n === (loop as ts.ForStatement).incrementor)) ok = false;
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return ok;
}

/** True when every value any field named `name` ever holds is >= 0. */
function fieldNonNeg(L: Lowering, name: string): boolean {
  let cache = fieldCache.get(L);
  if (!cache) fieldCache.set(L, (cache = new Map()));
  const known = cache.get(name);
  if (known !== undefined) return known;
  if (assuming.has(name)) return true; // the invariant, assumed while its writes are checked
  assuming.add(name);
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if ((ts.isPropertyDeclaration(n) || ts.isPropertyAssignment(n)) && ts.isIdentifier(n.name) && n.name.text === name && !(n.initializer && nonNegative(L, n.initializer))) ok = false;
    if (ts.isShorthandPropertyAssignment(n) && n.name.text === name) ok = false;
    if (ts.isParameter(n) && ts.getModifiers(n)?.length && ts.isIdentifier(n.name) && n.name.text === name) ok = false;
    let target: ts.Expression | undefined;
    if (ts.isBinaryExpression(n) && isAssignOp(n.operatorToken.kind)) target = n.left;
    if (isIncDec(n)) target = n.operand;
    if (target) {
      const t = stripParens(target);
      const named = (ts.isPropertyAccessExpression(t) && t.name.text === name) || (ts.isElementAccessExpression(t) && ts.isStringLiteralLike(t.argumentExpression) && t.argumentExpression.text === name);
      if (named && !(ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && nonNegative(L, n.right))) ok = false;
    }
    ts.forEachChild(n, visit);
  };
  for (const sf of L.program.getSourceFiles()) if (!sf.isDeclarationFile) visit(sf);
  assuming.delete(name);
  // A result that leaned on another field's assumption is not kept: that one may still fail.
  if (!assuming.size) cache.set(name, ok);
  return ok;
}
