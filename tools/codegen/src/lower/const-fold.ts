// Folds constant initialisers (module-level state, tables) to C literals, so
// they live in .data/.rodata instead of running code at start-up.
import { ts } from '../ts-adapter.js';
import type { Lowering } from './program.js';

/** `e` without the parentheses around it. */
export const stripParens = (e: ts.Expression): ts.Expression => (ts.isParenthesizedExpression(e) ? stripParens(e.expression) : e);

/** The exact value of a constant numeric/boolean/bigint expression, or undefined;
 * `env` gives identifiers known to be constant (ctor-facts.ts: constructor parameters). */
export function constValue(L: Lowering, e: ts.Expression, env?: (id: ts.Identifier) => bigint | undefined): bigint | boolean | undefined {
  if (ts.isParenthesizedExpression(e)) return constValue(L, e.expression, env);
  if (env && ts.isIdentifier(e)) return env(e);
  if (ts.isNumericLiteral(e)) {
    const v = Number(e.text.replace(/_/g, ''));
    return Number.isSafeInteger(v) ? BigInt(v) : undefined;
  }
  if (ts.isBigIntLiteral(e)) return BigInt(e.text.replace(/_/g, '').slice(0, -1));
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isPrefixUnaryExpression(e)) {
    const v = constValue(L, e.operand, env);
    if (typeof v !== 'bigint') return undefined;
    if (e.operator === ts.SyntaxKind.MinusToken) return -v;
    if (e.operator === ts.SyntaxKind.PlusToken) return v;
    if (e.operator === ts.SyntaxKind.TildeToken) return BigInt(~Number(BigInt.asIntN(32, v)));
    return undefined;
  }
  if (ts.isBinaryExpression(e)) {
    const a = constValue(L, e.left, env);
    const b = constValue(L, e.right, env);
    if (typeof a !== 'bigint' || typeof b !== 'bigint') return undefined;
    const i32 = (x: bigint) => Number(BigInt.asIntN(32, x));
    switch (e.operatorToken.kind) {
      case ts.SyntaxKind.PlusToken: return a + b;
      case ts.SyntaxKind.MinusToken: return a - b;
      case ts.SyntaxKind.AsteriskToken: return a * b;
      case ts.SyntaxKind.BarToken: return BigInt(i32(a) | i32(b));
      case ts.SyntaxKind.AmpersandToken: return BigInt(i32(a) & i32(b));
      case ts.SyntaxKind.CaretToken: return BigInt(i32(a) ^ i32(b));
      case ts.SyntaxKind.LessThanLessThanToken: return BigInt(i32(a) << (i32(b) & 31));
      case ts.SyntaxKind.GreaterThanGreaterThanToken: return BigInt(i32(a) >> (i32(b) & 31));
      case ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken: return BigInt(i32(a) >>> (i32(b) & 31));
    }
    return undefined;
  }
  // u32(<const>) and friends from @unishyper/rt.
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.arguments.length === 1) {
    const sym = L.resolveSymbol(L.checker.getSymbolAtLocation(e.expression));
    if (!L.isRtSymbol(sym)) return undefined;
    const v = constValue(L, e.arguments[0]!, env);
    if (typeof v !== 'bigint') return undefined;
    const wrap: Record<string, (x: bigint) => bigint> = {
      u8: (x) => BigInt.asUintN(8, x), u16: (x) => BigInt.asUintN(16, x), u32: (x) => BigInt.asUintN(32, x),
      i8: (x) => BigInt.asIntN(8, x), i16: (x) => BigInt.asIntN(16, x), i32: (x) => BigInt.asIntN(32, x),
      u64: (x) => BigInt.asUintN(64, x), i64: (x) => BigInt.asIntN(64, x),
    };
    const w = wrap[sym!.name];
    return w ? w(v) : undefined;
  }
  return undefined;
}

/** A C literal for a constant expression, or undefined when it is not constant. */
export function constFold(L: Lowering, e: ts.Expression): string | undefined {
  const v = constValue(L, e);
  if (v === undefined) return undefined;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return cIntLiteral(v);
}

export function cIntLiteral(v: bigint): string {
  if (v >= -(2n ** 31n) && v < 2n ** 31n) return v < 0n ? `(${v}L)` : `${v}L`;
  if (v >= 0n && v < 2n ** 63n) return `INT64_C(${v})`;
  if (v < 0n && v >= -(2n ** 63n)) return v === -(2n ** 63n) ? 'INT64_MIN' : `(-INT64_C(${-v}))`;
  return `UINT64_C(${BigInt.asUintN(64, v)})`;
}
