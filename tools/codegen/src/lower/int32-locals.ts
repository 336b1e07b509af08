// A `number` local that only ever holds ToInt32 results (a CRC, a hash, an
// xorshift state) is kept in an `int32_t` instead of an `int64_t`. JS bitwise
// operators give signed 32-bit results; held in an int64_t, each assignment
// sign-extends (one `sxtw` per step of a hash loop, which the hand-written C,
// with a uint32_t, does not pay). Every read widens it back to int64_t in C,
// value-preserving, so the variable means the same number either way.
//
// The proof is syntactic and local to the declaring function, with no `++`/
// `--` and no closure referring to the variable (closures capture by
// address, as an int64_t), and one of:
//   - the initialiser and every assignment are int32-valued (a literal in
//     int32 range, `& | ^ << >>`, `~`, a value of type i8/i16/i32/u8/u16,
//     the variable itself, or a conditional of those), compound assignments
//     only `&= |= ^= <<= >>=`: the int32_t holds the very value;
//   - every read is an operand of a bitwise operator (which applies ToInt32
//     first) and no assignment's value is used (`crc = 0xffffffff` then only
//     `crc ^ b`, `crc >>> 8`, `~crc`): the int32_t holds ToInt32 of the value,
//     which is all any read sees.
import { ts } from '../ts-adapter.js';
import type { Lowering } from './program.js';

const INT32_OPS = new Set([
  ts.SyntaxKind.AmpersandToken,
  ts.SyntaxKind.BarToken,
  ts.SyntaxKind.CaretToken,
  ts.SyntaxKind.LessThanLessThanToken,
  ts.SyntaxKind.GreaterThanGreaterThanToken,
]);

const INT32_ASSIGN = new Set([
  ts.SyntaxKind.AmpersandEqualsToken,
  ts.SyntaxKind.BarEqualsToken,
  ts.SyntaxKind.CaretEqualsToken,
  ts.SyntaxKind.LessThanLessThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanEqualsToken,
]);

const isAssignment = (k: ts.SyntaxKind) => k >= ts.SyntaxKind.FirstAssignment && k <= ts.SyntaxKind.LastAssignment;

/** True when `e` evaluates to an int32 value (given that `self` holds one). */
function isInt32Expr(L: Lowering, e: ts.Expression, self: ts.Symbol): boolean {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isNumericLiteral(e)) return Number(e.text) <= 0x7fffffff;
  if (ts.isPrefixUnaryExpression(e)) {
    if (e.operator === ts.SyntaxKind.TildeToken) return true;
    if (e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) return Number(e.operand.text) <= 0x80000000;
    return false;
  }
  if (ts.isBinaryExpression(e)) return INT32_OPS.has(e.operatorToken.kind);
  if (ts.isConditionalExpression(e)) return isInt32Expr(L, e.whenTrue, self) && isInt32Expr(L, e.whenFalse, self);
  if (ts.isIdentifier(e) && L.checker.getSymbolAtLocation(e) === self) return true;
  const t = L.checker.getTypeAtLocation(e);
  const brand = t.getProperty('__brand');
  const name = brand && L.checker.getTypeOfSymbol(brand);
  return !!name && name.isStringLiteral() && ['i8', 'i16', 'i32', 'u8', 'u16'].includes(name.value);
}

const BITWISE = new Set([...INT32_OPS, ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken]);

/** True when identifier `n` is read only through ToInt32: an operand of a bitwise operator. */
function readAsInt32(n: ts.Node): boolean {
  let e: ts.Node = n;
  while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const p = e.parent;
  if (ts.isPrefixUnaryExpression(p)) return p.operator === ts.SyntaxKind.TildeToken;
  if (ts.isBinaryExpression(p)) return BITWISE.has(p.operatorToken.kind) || (p.left === e && (INT32_ASSIGN.has(p.operatorToken.kind) || p.operatorToken.kind === ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken));
  return false;
}

/** True when the value of assignment `a` is not used (a statement, or a for loop's update). */
function valueUnused(a: ts.Node): boolean {
  const p = a.parent;
  return ts.isExpressionStatement(p) || (ts.isForStatement(p) && p.incrementor === a);
}

/** True when the `number` variable declared by `d` can be an int32_t in C. */
export function holdsOnlyInt32(L: Lowering, d: ts.VariableDeclaration): boolean {
  return onlyInt32(L, d, false) || onlyInt32(L, d, true);
}

function onlyInt32(L: Lowering, d: ts.VariableDeclaration, readsOnlyBitwise: boolean): boolean {
  if (!ts.isIdentifier(d.name) || !d.initializer) return false;
  const self = L.checker.getSymbolAtLocation(d.name);
  if (!self || (!readsOnlyBitwise && !isInt32Expr(L, d.initializer, self))) return false;
  let scope: ts.Node = d;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  if (ts.isSourceFile(scope)) return false; // module state: other modules' code assigns it too
  let ok = true;
  const visit = (n: ts.Node, nested: boolean): void => {
    if (!ok) return;
    if (ts.isIdentifier(n) && n !== d.name && L.checker.getSymbolAtLocation(n) === self) {
      if (nested) ok = false;
      const p = n.parent;
      if ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)) ok = false;
      if (ts.isBinaryExpression(p) && p.left === n && isAssignment(p.operatorToken.kind)) {
        if (readsOnlyBitwise) ok &&= valueUnused(p) && (p.operatorToken.kind === ts.SyntaxKind.EqualsToken || INT32_ASSIGN.has(p.operatorToken.kind));
        else if (p.operatorToken.kind === ts.SyntaxKind.EqualsToken) ok &&= isInt32Expr(L, p.right, self);
        else ok &&= INT32_ASSIGN.has(p.operatorToken.kind);
      } else if (readsOnlyBitwise) ok &&= readAsInt32(n);
    }
    ts.forEachChild(n, (c) => visit(c, nested || (ts.isFunctionLike(c) && c !== scope)));
  };
  visit(scope, false);
  return ok;
}
