// Lowers expressions to typed C expressions. The operator semantics are
// chosen from the dialect types: `number` is int64 with JS results, bitwise
// operators apply ToInt32, fixed-width values widen to int64 before
// arithmetic, and bigints compute mod 2^64 until wrapped by u64()/i64().
import { errorAt, unsupported } from '../diagnostics.js';
import { type IrType, isBigint, isIntegral, isPointer, NUM, BOOL, STR, BIG, typeName, sameType } from '../ir.js';
import { ts } from '../ts-adapter.js';
import { lineDirective, type Disposable, type FnCtx } from './context.js';
import { cIntLiteral, constFold } from './const-fold.js';
import { cIdent, cType } from './ctypes.js';
import { lowerIntrinsicCall, lowerKprint, isIntrinsicCallee } from './intrinsics.js';
import { lowerClosure, callClosure } from './closure.js';
import { fixedFacts } from './fixed-facts.js';
import { knownFieldValue } from './ctor-facts.js';
import { checkedIndex } from './index-facts.js';
import { ctorOf, ctorParamTypes, zeroOf } from './function.js';
import { cStringLiteral, hasModifier, isEnumLikeConst, methodName } from './program.js';

export interface Val {
  t: IrType;
  c: string;
  /** Exact value of a bigint literal (its C form is reduced mod 2^64). */
  lit?: bigint;
}

const V = (t: IrType, c: string): Val => ({ t, c });

/** Lowers an expression used for its effect only. */
export function lowerExprStatement(F: FnCtx, e: ts.Expression): void {
  const v = lowerExpr(F, e);
  F.emit(`${v.c};`);
}

export function lowerExpr(F: FnCtx, e: ts.Expression, expected?: IrType): Val {
  const L = F.L;
  switch (e.kind) {
    case ts.SyntaxKind.NumericLiteral: {
      const n = Number((e as ts.NumericLiteral).text);
      if (!Number.isSafeInteger(n)) errorAt(e, `the number ${e.getText()} is outside the dialect's integer domain (integers with |x| <= 2^53-1); fractions and larger values are not supported`);
      return V(NUM, cIntLiteral(BigInt(n)));
    }
    case ts.SyntaxKind.BigIntLiteral: {
      const v = BigInt((e as ts.BigIntLiteral).text.slice(0, -1));
      return { t: BIG, c: `UINT64_C(${BigInt.asUintN(64, v)})`, lit: v };
    }
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return V(STR, `RT_STR(${cStringLiteral((e as ts.StringLiteral).text)})`);
    case ts.SyntaxKind.TrueKeyword:
      return V(BOOL, 'true');
    case ts.SyntaxKind.FalseKeyword:
      return V(BOOL, 'false');
    case ts.SyntaxKind.NullKeyword:
      return V(expected && isPointer(expected) ? expected : { k: 'null' }, 'NULL');
    case ts.SyntaxKind.ThisKeyword: {
      const cls = F.thisCls();
      if (!cls) errorAt(e, "'this' outside a class method");
      return V({ k: 'obj', cls }, F.self());
    }
    case ts.SyntaxKind.ParenthesizedExpression:
      return lowerExpr(F, (e as ts.ParenthesizedExpression).expression, expected);
    case ts.SyntaxKind.Identifier:
      return lowerIdentifier(F, e as ts.Identifier);
    case ts.SyntaxKind.AsExpression:
    case ts.SyntaxKind.SatisfiesExpression:
    case ts.SyntaxKind.TypeAssertionExpression: {
      const a = e as ts.AsExpression;
      if (ts.isAsExpression(a) && ts.isTypeReferenceNode(a.type) && a.type.typeName.getText() === 'const') return lowerExpr(F, a.expression);
      const inner = lowerExpr(F, a.expression);
      if (ts.isSatisfiesExpression(a)) return inner;
      const target = L.typeAt(e, F.subst);
      if (sameType(inner.t, target) || (inner.t.k === 'obj' && target.k === 'obj' && L.isSubclassOf(inner.t.cls, target.cls)))
        return V(target, coerce(F, inner, target, e));
      unsupported(e, `the type assertion 'as ${typeName(target)}'`, target.k === 'int' ? `wrap the value with ${typeName(target)}(x), which converts exactly` : 'assertions cannot change a value\'s representation; convert explicitly');
    }
    case ts.SyntaxKind.NonNullExpression: {
      const v = lowerExpr(F, (e as ts.NonNullExpression).expression);
      if (!isPointer(v.t)) return v;
      const tmp = F.tmp('nn');
      return V(v.t, `({ ${cType(v.t, tmp)} = ${v.c}; if (!${tmp}) rt_panic(RT_STR("null dereference"), ${F.loc(e)}); ${tmp}; })`);
    }
    case ts.SyntaxKind.PrefixUnaryExpression:
      return lowerPrefix(F, e as ts.PrefixUnaryExpression);
    case ts.SyntaxKind.PostfixUnaryExpression:
      return lowerIncDec(F, e as ts.PostfixUnaryExpression, false);
    case ts.SyntaxKind.BinaryExpression:
      return lowerBinary(F, e as ts.BinaryExpression);
    case ts.SyntaxKind.ConditionalExpression: {
      const c = e as ts.ConditionalExpression;
      // `c ? new A() : new B()` where an interface (or base class) is expected: the
      // union of the branches' classes is not a dialect type, the expected one is.
      const t = expected && (expected.k === 'iface' || expected.k === 'obj') && isObjectUnion(L.checker.getTypeAtLocation(e)) ? expected : L.typeAt(e, F.subst);
      const a = lowerExpr(F, c.whenTrue, t);
      const b = lowerExpr(F, c.whenFalse, t);
      return V(t, `(${condition(F, c.condition)} ? ${coerce(F, a, t, c.whenTrue)} : ${coerce(F, b, t, c.whenFalse)})`);
    }
    case ts.SyntaxKind.CallExpression:
      return lowerCall(F, e as ts.CallExpression);
    case ts.SyntaxKind.NewExpression:
      return lowerNew(F, e as ts.NewExpression);
    case ts.SyntaxKind.PropertyAccessExpression:
      return lowerPropertyAccess(F, e as ts.PropertyAccessExpression);
    case ts.SyntaxKind.ElementAccessExpression:
      return lowerElementAccess(F, e as ts.ElementAccessExpression);
    case ts.SyntaxKind.TaggedTemplateExpression:
      return lowerKprint(F, e as ts.TaggedTemplateExpression);
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.FunctionExpression:
      return lowerClosure(F, e as ts.ArrowFunction, expected);
    case ts.SyntaxKind.TemplateExpression:
      unsupported(e, 'a template literal', 'print with kprint`...`, or build text with StrBuf');
    case ts.SyntaxKind.ArrayLiteralExpression:
      unsupported(e, 'an array literal', 'use new FixedArray<T>(length, fill) or Vec<T>; constant tables go in a module-level `const T: readonly number[]`');
    case ts.SyntaxKind.ObjectLiteralExpression:
      unsupported(e, 'an object literal', 'declare a class and construct it with new; constant enums are `const E = {...} as const` at module level');
    case ts.SyntaxKind.AwaitExpression:
      unsupported(e, 'await', 'kernel code blocks the thread instead (no async)');
    case ts.SyntaxKind.TypeOfExpression:
      unsupported(e, 'typeof', 'types are static in the dialect');
    case ts.SyntaxKind.DeleteExpression:
      unsupported(e, 'delete', 'objects have a fixed layout');
    case ts.SyntaxKind.SpreadElement:
      unsupported(e, 'spread (...)', 'pass arguments one by one');
    default:
      unsupported(e, `the expression '${ts.SyntaxKind[e.kind]}'`, 'see docs/dialect.md for the supported expressions');
  }
}

/** A union of two or more object types (and perhaps null), such as `A | B`. */
function isObjectUnion(t: ts.Type): boolean {
  if (!t.isUnion()) return false;
  const objs = t.types.filter((m) => m.flags & ts.TypeFlags.Object);
  return objs.length > 1 && objs.length + t.types.filter((m) => m.flags & ts.TypeFlags.Null).length === t.types.length;
}

function lowerIdentifier(F: FnCtx, id: ts.Identifier): Val {
  const L = F.L;
  if (id.text === 'undefined') unsupported(id, "'undefined'", 'use null for a missing object');
  rejectJsGlobal(L, id, id.text);
  if (id.text === 'NaN' || id.text === 'Infinity') unsupported(id, `'${id.text}'`, 'the dialect has integers only');
  const sym0 = L.checker.getSymbolAtLocation(id);
  const sym = L.resolveSymbol(sym0);
  if (!sym) errorAt(id, `cannot resolve '${id.text}'`);
  const local = F.lookup(sym0!) ?? F.lookup(sym);
  if (local) return V(local.type, local.c);
  const decl = sym.valueDeclaration ?? sym.declarations?.[0];
  if (decl && ts.isVariableDeclaration(decl) && !isFunctionScoped(decl)) {
    if (isEnumLikeConst(L.checker, decl)) unsupported(id, `using the const object '${id.text}' as a value`, 'read its members (E.Member) directly');
    const g = L.global(sym, decl, id);
    if (g.type.k === 'table') return V(g.type, g.cname);
    return V(g.type, g.cname);
  }
  if (decl && ts.isFunctionDeclaration(decl)) {
    // A function used as a value becomes a closure with no environment.
    if (decl.typeParameters?.length) unsupported(id, 'a generic function used as a value', 'wrap the call in an arrow function');
    const t = L.typeAt(id, F.subst);
    if (t.k !== 'fn') errorAt(id, `'${id.text}' is not a function type here`);
    const f = L.fnInst(decl, new Map(), 'function', id);
    return V(t, closureOfFunction(F, f.cname, t, decl));
  }
  errorAt(id, `'${id.text}' cannot be used as a value here`);
}

/** JavaScript's and Node's globals (Math, console, JSON, parseInt, ...) are not kernel code. */
function rejectJsGlobal(L: FnCtx['L'], e: ts.Expression, what: string): void {
  if (!ts.isIdentifier(e)) return;
  const sym = L.resolveSymbol(L.checker.getSymbolAtLocation(e));
  const decls = sym?.declarations ?? [];
  if (!decls.length || !decls.every((d) => d.getSourceFile().isDeclarationFile)) return;
  const hints: Record<string, string> = {
    console: 'print with kprint`...` from @unishyper/rt',
    Math: 'use integer operators and the rt intrinsics (clz32, mul32, idiv, ...)',
    JSON: 'format output with kprint or StrBuf',
  };
  unsupported(e, `the JavaScript global '${what}'`, hints[e.text] ?? 'kernel code uses only dialect code and @unishyper/rt');
}

function isFunctionScoped(d: ts.VariableDeclaration): boolean {
  let p: ts.Node | undefined = d.parent;
  while (p && !ts.isSourceFile(p)) {
    if (ts.isFunctionLike(p)) return true;
    p = p.parent;
  }
  return false;
}

const thunks = new Map<string, string>();
function closureOfFunction(F: FnCtx, cname: string, t: IrType & { k: 'fn' }, decl: ts.FunctionDeclaration): string {
  let th = thunks.get(cname + ':' + F.L.functionDefs.length * 0);
  if (!th || !F.L.functionDefs.some((d) => d.includes(` ${th}(`))) {
    th = F.L.uniqueCName(`${cname}__thunk`);
    thunks.set(cname + ':0', th);
    const ps = t.params.map((p, i) => cType(p, `a${i}`));
    const args = t.params.map((_, i) => `a${i}`).join(', ');
    F.L.functionDefs.push(
      // The thunk stands for the function: its lines are the declaration's.
      `${lineDirective(decl)}\nstatic ${cType(t.ret, th)}(${['void *env_', ...ps].join(', ')}) {\n  (void)env_;\n${lineDirective(decl)}\n  ${t.ret.k === 'void' ? '' : 'return '}${cname}(${args});\n}`,
    );
  }
  return `((rt_closure){ (void *)${th}, NULL })`;
}

// ---- conversions -------------------------------------------------------------

/** Converts a value to the C representation of `to` (types checked by tsc already). */
export function coerce(F: FnCtx, v: Val, to: IrType, at: ts.Node): string {
  const from = v.t;
  if (sameType(from, to)) return v.c;
  if (to.k === 'num' && from.k === 'int' && from.bits < 64) return `(int64_t)${v.c}`;
  if (to.k === 'big' && isBigint(from)) return `(uint64_t)${v.c}`;
  // A call that never returns, used where a value is expected (`return fail()`, `c ? x : fail()`).
  if (from.k === 'never') return to.k === 'void' || to.k === 'never' ? v.c : `({ ${v.c}; __builtin_unreachable(); ${zeroOf(to)}; })`;
  if (from.k === 'null' && isPointer(to)) return 'NULL';
  if (from.k === 'null' && to.k === 'fn') return '(rt_closure){0}';
  if (isPointer(from) && to.k === 'null') return v.c;
  if (from.k === 'obj' && to.k === 'obj' && F.L.isSubclassOf(from.cls, to.cls)) return `((${to.cls.cname} *)${v.c})`;
  if ((from.k === 'obj' || from.k === 'iface') && to.k === 'iface') return `((void *)${v.c})`;
  if (from.k === 'fn' && to.k === 'fn' && from.params.length <= to.params.length) return v.c;
  if (to.k === 'void') return v.c;
  if (from.k === 'int' && to.k === 'int' && from.bits === 64 && to.bits === 64) {
    errorAt(at, `a ${typeName(from)} is used as a ${typeName(to)}; convert with ${typeName(to)}(x)`);
  }
  errorAt(at, `cannot convert ${typeName(from)} to ${typeName(to)} here`);
}

/** A C truth value with JS truthiness for the dialect types. */
export function condition(F: FnCtx, e: ts.Expression): string {
  const v = lowerExpr(F, e);
  return truthy(v, e);
}

function truthy(v: Val, at: ts.Node): string {
  switch (v.t.k) {
    case 'bool':
      return v.c;
    case 'num':
    case 'int':
    case 'big':
      return `(${v.c} != 0)`;
    case 'str':
      return `(${v.c}.len != 0)`;
    case 'obj':
    case 'iface':
    case 'fixed':
    case 'null':
      return `(${v.c} != NULL)`;
    case 'fn':
      return `(${v.c}.fn != NULL)`;
    default:
      errorAt(at, `a ${typeName(v.t)} cannot be used as a condition`);
  }
}

const asI64 = (v: Val) => (v.t.k === 'num' ? v.c : `(int64_t)${v.c}`);
const asU32 = (v: Val) => `(uint32_t)${v.c}`;
const asU64 = (v: Val) => `(uint64_t)${v.c}`;

// ---- operators ---------------------------------------------------------------

function lowerPrefix(F: FnCtx, e: ts.PrefixUnaryExpression): Val {
  const op = e.operator;
  if (op === ts.SyntaxKind.PlusPlusToken || op === ts.SyntaxKind.MinusMinusToken) return lowerIncDec(F, e, true);
  if (op === ts.SyntaxKind.ExclamationToken) return V(BOOL, `(!${condition(F, e.operand)})`);
  // Fold negative literals so INT64 limits print exactly.
  if (op === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) {
    const n = Number(e.operand.text);
    if (!Number.isSafeInteger(n)) errorAt(e, `the number -${e.operand.getText()} is outside the dialect's integer domain`);
    return V(NUM, cIntLiteral(BigInt(-n)));
  }
  if (op === ts.SyntaxKind.MinusToken && ts.isBigIntLiteral(e.operand)) {
    const n = -BigInt(e.operand.text.slice(0, -1));
    return { t: BIG, c: `UINT64_C(${BigInt.asUintN(64, n)})`, lit: n };
  }
  const v = lowerExpr(F, e.operand);
  if (op === ts.SyntaxKind.MinusToken) {
    if (isIntegral(v.t)) return V(NUM, `(-${asI64(v)})`);
    if (isBigint(v.t)) return V(BIG, `(0 - ${asU64(v)})`);
  }
  if (op === ts.SyntaxKind.TildeToken) {
    if (isIntegral(v.t)) return V(NUM, `(int64_t)(int32_t)~${asU32(v)}`);
    if (isBigint(v.t)) return V(BIG, `(~${asU64(v)})`);
  }
  if (op === ts.SyntaxKind.PlusToken) unsupported(e, 'unary +', 'values already have their numeric type');
  errorAt(e, `operator ${ts.tokenToString(op)} does not apply to ${typeName(v.t)}`);
}

function lowerIncDec(F: FnCtx, e: ts.PrefixUnaryExpression | ts.PostfixUnaryExpression, prefix: boolean): Val {
  const target = lowerExpr(F, e.operand);
  const sym = ts.tokenToString(e.operator)!;
  if (target.t.k === 'int')
    unsupported(e, `${sym} on a ${typeName(target.t)}`, `write x = ${typeName(target.t)}(x ${sym[0]} 1${target.t.bits === 64 ? 'n' : ''}), which wraps explicitly`);
  if (target.t.k !== 'num' && target.t.k !== 'big') errorAt(e, `${sym} needs a number`);
  checkAssignable(F, e.operand);
  return V(target.t, prefix ? `(${sym}${target.c})` : `(${target.c}${sym})`);
}

const ARITH: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.PlusToken]: '+',
  [ts.SyntaxKind.MinusToken]: '-',
  [ts.SyntaxKind.AsteriskToken]: '*',
};
const BITWISE: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.AmpersandToken]: '&',
  [ts.SyntaxKind.BarToken]: '|',
  [ts.SyntaxKind.CaretToken]: '^',
};
const SHIFTS = new Set([ts.SyntaxKind.LessThanLessThanToken, ts.SyntaxKind.GreaterThanGreaterThanToken, ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken]);
const RELATIONAL: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.LessThanToken]: '<',
  [ts.SyntaxKind.LessThanEqualsToken]: '<=',
  [ts.SyntaxKind.GreaterThanToken]: '>',
  [ts.SyntaxKind.GreaterThanEqualsToken]: '>=',
};
const COMPOUND: Partial<Record<ts.SyntaxKind, ts.SyntaxKind>> = {
  [ts.SyntaxKind.PlusEqualsToken]: ts.SyntaxKind.PlusToken,
  [ts.SyntaxKind.MinusEqualsToken]: ts.SyntaxKind.MinusToken,
  [ts.SyntaxKind.AsteriskEqualsToken]: ts.SyntaxKind.AsteriskToken,
  [ts.SyntaxKind.PercentEqualsToken]: ts.SyntaxKind.PercentToken,
  [ts.SyntaxKind.AmpersandEqualsToken]: ts.SyntaxKind.AmpersandToken,
  [ts.SyntaxKind.BarEqualsToken]: ts.SyntaxKind.BarToken,
  [ts.SyntaxKind.CaretEqualsToken]: ts.SyntaxKind.CaretToken,
  [ts.SyntaxKind.LessThanLessThanEqualsToken]: ts.SyntaxKind.LessThanLessThanToken,
  [ts.SyntaxKind.GreaterThanGreaterThanEqualsToken]: ts.SyntaxKind.GreaterThanGreaterThanToken,
  [ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken]: ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken,
};

/** Lowers both operands in JS (left-to-right) order even when both have effects. */
function operands(F: FnCtx, a: ts.Expression, b: ts.Expression): [Val, Val, (c: string) => string] {
  const va = lowerExpr(F, a);
  const vb = lowerExpr(F, b);
  if (!hasEffects(a) || !hasEffects(b)) return [va, vb, (c) => c];
  const ta = F.tmp('l');
  const tb = F.tmp('r');
  return [V(va.t, ta), V(vb.t, tb), (c) => `({ ${cType(va.t, ta)} = ${va.c}; ${cType(vb.t, tb)} = ${vb.c}; ${c}; })`];
}

export function hasEffects(e: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isTaggedTemplateExpression(n) || ts.isPostfixUnaryExpression(n)) found = true;
    else if (ts.isPrefixUnaryExpression(n) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) found = true;
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) found = true;
    else if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) return;
    else ts.forEachChild(n, visit);
  };
  visit(e);
  return found;
}

function lowerBinary(F: FnCtx, e: ts.BinaryExpression): Val {
  const k = e.operatorToken.kind;
  const opText = ts.tokenToString(k);
  if (k === ts.SyntaxKind.EqualsToken) return lowerAssign(F, e);
  if (COMPOUND[k] !== undefined) return lowerCompound(F, e, COMPOUND[k]!);
  if (k === ts.SyntaxKind.SlashEqualsToken) unsupported(e, "the '/=' operator", 'JS division yields fractions; write x = idiv(x, y) (or divu32/divi32/divu64/divi64)');
  if (k === ts.SyntaxKind.AsteriskAsteriskEqualsToken) unsupported(e, "the '**=' operator", 'multiply explicitly or shift');
  if (k === ts.SyntaxKind.BarBarEqualsToken || k === ts.SyntaxKind.AmpersandAmpersandEqualsToken || k === ts.SyntaxKind.QuestionQuestionEqualsToken)
    unsupported(e, `the '${opText}' operator`, 'write the condition and the assignment with an if');
  if (k === ts.SyntaxKind.AmpersandAmpersandToken || k === ts.SyntaxKind.BarBarToken) {
    const t = F.L.typeAt(e, F.subst);
    if (t.k !== 'bool') unsupported(e, `'${opText}' producing a ${typeName(t)}`, 'use it on booleans; for other values write a conditional (c ? a : b)');
    return V(BOOL, `(${condition(F, e.left)} ${opText} ${condition(F, e.right)})`);
  }
  if (k === ts.SyntaxKind.QuestionQuestionToken) {
    const t = F.L.typeAt(e, F.subst);
    const a = lowerExpr(F, e.left);
    if (!isPointer(a.t)) errorAt(e, "'??' applies to object references that may be null");
    const tmp = F.tmp('q');
    const b = lowerExpr(F, e.right, t);
    return V(t, `({ ${cType(t, tmp)} = ${coerce(F, a, t, e.left)}; ${tmp} ? ${tmp} : ${coerce(F, b, t, e.right)}; })`);
  }
  if (k === ts.SyntaxKind.CommaToken) {
    const a = lowerExpr(F, e.left);
    const b = lowerExpr(F, e.right);
    return V(b.t, `((void)${a.c}, ${b.c})`);
  }
  if (k === ts.SyntaxKind.SlashToken)
    unsupported(e, "the '/' operator", 'JS division yields fractions; use idiv(a, b) (truncating) or divu32/divi32/divu64/divi64 from @unishyper/rt');
  if (k === ts.SyntaxKind.AsteriskAsteriskToken) unsupported(e, "the '**' operator", 'multiply explicitly or shift');
  if (k === ts.SyntaxKind.EqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsToken)
    unsupported(e, `'${opText}' (loose equality)`, `use '${opText}='`);
  if (k === ts.SyntaxKind.InKeyword || k === ts.SyntaxKind.InstanceOfKeyword)
    unsupported(e, `'${opText}'`, 'types are static; use a class id field or an interface method');
  const [a, b, seq] = operands(F, e.left, e.right);
  return binaryOn(F, k, a, b, e, seq);
}

function binaryOn(F: FnCtx, k: ts.SyntaxKind, a: Val, b: Val, e: ts.Node, seq: (c: string) => string = (c) => c): Val {
  const opText = ts.tokenToString(k)!;
  if (k === ts.SyntaxKind.EqualsEqualsEqualsToken) return V(BOOL, seq(equals(F, a, b, e)));
  if (k === ts.SyntaxKind.ExclamationEqualsEqualsToken) return V(BOOL, seq(`(!${equals(F, a, b, e)})`));
  const bothIntegral = isIntegral(a.t) && isIntegral(b.t);
  const bothBig = isBigint(a.t) && isBigint(b.t);
  if (k === ts.SyntaxKind.PlusToken && (a.t.k === 'str' || b.t.k === 'str'))
    unsupported(e, 'string concatenation', 'strings are immutable and never allocate: print pieces with kprint`...`, or build text in a StrBuf');
  if (ARITH[k] && bothIntegral) {
    if (k === ts.SyntaxKind.AsteriskToken && a.t.k === 'int' && b.t.k === 'int' && a.t.bits === 32 && b.t.bits === 32)
      unsupported(e, "'*' on two 32-bit values", 'the exact product can exceed 2^53, where JS loses bits; use mul32(a, b) or mulu32(a, b) (wrapping), or convert one operand with Number semantics you have checked');
    return V(NUM, seq(`(${asI64(a)} ${ARITH[k]} ${asI64(b)})`));
  }
  if (k === ts.SyntaxKind.PercentToken && bothIntegral) {
    // A literal divisor keeps plain `%` (gcc folds its checks and strength-reduces it).
    const rem = /^\(?(-?\d+L|INT64_C\(-?\d+\))\)?$/.test(b.c) ? 'rt_js_rem' : 'rt_js_rem_var';
    return V(NUM, seq(`${rem}(${asI64(a)}, ${asI64(b)}, ${F.loc(e)})`));
  }
  if (ARITH[k] && bothBig) return V(BIG, seq(`(${asU64(a)} ${ARITH[k]} ${asU64(b)})`));
  if (k === ts.SyntaxKind.PercentToken && bothBig) unsupported(e, "'%' on bigints", 'use remu64(a, b) or remi64(a, b)');
  if (BITWISE[k] && bothIntegral) return V(NUM, seq(`(int64_t)(int32_t)(${asU32(a)} ${BITWISE[k]} ${asU32(b)})`));
  if (BITWISE[k] && bothBig) return V(BIG, seq(`(${asU64(a)} ${BITWISE[k]} ${asU64(b)})`));
  if (SHIFTS.has(k) && bothIntegral) {
    const n = `(${asU32(b)} & 31)`;
    if (k === ts.SyntaxKind.LessThanLessThanToken) return V(NUM, seq(`(int64_t)(int32_t)(${asU32(a)} << ${n})`));
    if (k === ts.SyntaxKind.GreaterThanGreaterThanToken) return V(NUM, seq(`(int64_t)((int32_t)${asU32(a)} >> ${n})`));
    return V(NUM, seq(`(int64_t)(${asU32(a)} >> ${n})`));
  }
  if (SHIFTS.has(k) && bothBig) {
    const n = b.t.k === 'int' && !b.t.signed ? `rt_big_count_u(${b.c})` : `(int64_t)${b.c}`;
    if (k === ts.SyntaxKind.LessThanLessThanToken) return V(BIG, seq(`rt_big_shl(${asU64(a)}, ${n}, ${F.loc(e)})`));
    if (k === ts.SyntaxKind.GreaterThanGreaterThanToken) {
      if (a.t.k !== 'int') unsupported(e, "'>>' on an unwrapped bigint", 'wrap the left operand with u64() or i64() first, so its value is known exactly');
      return a.t.signed ? V({ k: 'int', bits: 64, signed: true }, seq(`rt_big_sar(${a.c}, ${n}, ${F.loc(e)})`)) : V({ k: 'int', bits: 64, signed: false }, seq(`rt_big_shr(${a.c}, ${n}, ${F.loc(e)})`));
    }
  }
  if (RELATIONAL[k]) {
    if (bothIntegral) return V(BOOL, seq(`(${asI64(a)} ${RELATIONAL[k]} ${asI64(b)})`));
    if (bothBig) return V(BOOL, seq(bigCompare(a, b, RELATIONAL[k]!, e)));
    unsupported(e, `'${opText}' on ${typeName(a.t)} and ${typeName(b.t)}`, 'compare numbers (or bigints) only; compare strings with ===');
  }
  errorAt(e, `operator '${opText}' does not apply to ${typeName(a.t)} and ${typeName(b.t)}`);
}

/** Exact comparison of two bigint values: both must be wrapped (u64/i64) or literals. */
function bigCompare(a: Val, b: Val, op: string, at: ts.Node): string {
  for (const v of [a, b])
    if (v.t.k === 'big' && v.lit === undefined) unsupported(at, 'comparing an unwrapped bigint', 'wrap it with u64() or i64() first, so its value is known exactly');
  const signed = (v: Val) => v.t.k === 'int' && v.t.signed;
  if (a.lit !== undefined && b.lit !== undefined) return a.lit === b.lit ? `(0 ${op} 0)` : a.lit < b.lit ? `(0 ${op} 1)` : `(1 ${op} 0)`;
  if (a.lit !== undefined || b.lit !== undefined) {
    // Compare against the literal's exact value; fold when it lies outside the other side's range.
    const [l, o] = a.lit !== undefined ? [a.lit, b] : [b.lit!, a];
    const [lo, hi] = signed(o) ? [-(2n ** 63n), 2n ** 63n - 1n] : [0n, 2n ** 64n - 1n];
    let oc: string;
    let lc: string;
    if (l < lo) [oc, lc] = ['0', '1'];
    else if (l > hi) [oc, lc] = ['1', '0'];
    else [oc, lc] = [o.c, signed(o) ? cIntLiteral(l) : `UINT64_C(${l})`];
    if (l < lo || l > hi) [oc, lc] = l < lo ? ['1', '0'] : ['0', '1'];
    return a.lit !== undefined ? `(${lc} ${op} ${oc})` : `(${oc} ${op} ${lc})`;
  }
  if (signed(a) === signed(b)) return `(${a.c} ${op} ${b.c})`;
  return signed(a) ? `(rt_cmp_i64_u64(${a.c}, ${b.c}) ${op} 0)` : `(0 ${op} rt_cmp_i64_u64(${b.c}, ${a.c}))`;
}

/** `===` with JS meaning on the dialect types. */
export function equals(F: FnCtx, a: Val, b: Val, at: ts.Node): string {
  if (isIntegral(a.t) && isIntegral(b.t)) return `(${asI64(a)} == ${asI64(b)})`;
  if (isBigint(a.t) && isBigint(b.t)) return bigCompare(a, b, '==', at);
  if (a.t.k === 'bool' && b.t.k === 'bool') return `(${a.c} == ${b.c})`;
  if (a.t.k === 'str' && b.t.k === 'str') return `rt_str_eq(${a.c}, ${b.c})`;
  if (isPointer(a.t) && isPointer(b.t)) return `((const void *)${a.c} == (const void *)${b.c})`;
  if ((a.t.k === 'fn' && b.t.k === 'null') || (a.t.k === 'null' && b.t.k === 'fn')) return `(${a.t.k === 'fn' ? a.c : b.c}.fn == NULL)`;
  // Different primitive types are never === in JS.
  return '(false)';
}

// ---- assignment --------------------------------------------------------------

function checkAssignable(F: FnCtx, target: ts.Expression): void {
  if (ts.isIdentifier(target)) {
    const sym = F.L.checker.getSymbolAtLocation(target);
    const loc = sym && F.lookup(sym);
    if (loc && F.escaping && !F.locals.has(sym!)) errorAt(target, `a closure that outlives its creator cannot assign captured variable '${target.text}'`);
    return;
  }
  if (ts.isPropertyAccessExpression(target)) return;
  if (ts.isElementAccessExpression(target)) unsupported(target, 'assignment to an element', 'tables are read-only; use FixedArray.set(i, v)');
  errorAt(target, 'cannot assign to this expression');
}

function lowerAssign(F: FnCtx, e: ts.BinaryExpression): Val {
  if (ts.isArrayLiteralExpression(e.left) || ts.isObjectLiteralExpression(e.left)) unsupported(e.left, 'destructuring assignment', 'assign each variable separately');
  checkAssignable(F, e.left);
  const target = lowerExpr(F, e.left);
  const v = lowerExpr(F, e.right, target.t);
  return V(target.t, `(${target.c} = ${coerce(F, v, target.t, e.right)})`);
}

function isSimpleLvalue(e: ts.Expression): boolean {
  if (ts.isIdentifier(e) || e.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (ts.isPropertyAccessExpression(e)) return isSimpleLvalue(e.expression);
  if (ts.isParenthesizedExpression(e)) return isSimpleLvalue(e.expression);
  return false;
}

function lowerCompound(F: FnCtx, e: ts.BinaryExpression, op: ts.SyntaxKind): Val {
  checkAssignable(F, e.left);
  const target = lowerExpr(F, e.left);
  if (target.t.k === 'int') unsupported(e, `'${e.operatorToken.getText()}' on a ${typeName(target.t)}`, `write x = ${typeName(target.t)}(x ${ts.tokenToString(op)} y), which wraps explicitly`);
  if (!isSimpleLvalue(e.left)) {
    // obj().f op= v: evaluate the object once, then update its field.
    if (!ts.isPropertyAccessExpression(e.left)) unsupported(e.left, 'a compound assignment to a computed target', 'read into a local, compute, then assign');
    const obj = lowerExpr(F, e.left.expression);
    if (obj.t.k !== 'obj') unsupported(e.left, 'a compound assignment to this target', 'read into a local, compute, then assign');
    const p = F.tmp('p');
    const field = target.c.slice(target.c.lastIndexOf('->'));
    const owner = target.c.startsWith('((') ? target.c.slice(0, target.c.indexOf(' *)') + 3).replace(/^\(\(/, '(') : '';
    const place = `${owner ? `(${owner}${p})` : p}${field}`;
    const r = binaryOn(F, op, V(target.t, place), lowerExpr(F, e.right), e);
    return V(target.t, `({ ${cType(obj.t, p)} = ${obj.c}; ${place} = ${coerce(F, r, target.t, e)}; })`);
  }
  const v = lowerExpr(F, e.right);
  const r = binaryOn(F, op, target, v, e);
  return V(target.t, `(${target.c} = ${coerce(F, r, target.t, e)})`);
}

// ---- members, calls, new -----------------------------------------------------

function lowerPropertyAccess(F: FnCtx, e: ts.PropertyAccessExpression): Val {
  const L = F.L;
  if (e.questionDotToken) unsupported(e, 'optional chaining (?.)', 'check for null with an if');
  if (ts.isPrivateIdentifier(e.name)) unsupported(e.name, 'a #private member', 'use the `private` modifier');
  const name = e.name.text;
  // Members of const enum-like objects fold to their literal value.
  const objSym = ts.isIdentifier(e.expression) ? L.resolveSymbol(L.checker.getSymbolAtLocation(e.expression)) : undefined;
  const objDecl = objSym?.valueDeclaration;
  if (objDecl && ts.isVariableDeclaration(objDecl) && isEnumLikeConst(L.checker, objDecl)) {
    const t = L.checker.getTypeAtLocation(e);
    if (t.isNumberLiteral()) return V(NUM, cIntLiteral(BigInt(t.value)));
    if (t.isStringLiteral()) return V(STR, `RT_STR(${cStringLiteral(t.value)})`);
    if (t.flags & ts.TypeFlags.BooleanLiteral) return V(BOOL, L.checker.typeToString(t));
    const init = enumMemberInit(objDecl, name);
    const folded = init && constFold(L, init);
    if (folded) return V(L.typeAt(e, F.subst), folded);
    errorAt(e, `'${e.getText()}' must have a constant value (a literal or constant expression, with the object declared \`as const\`)`);
  }
  if (objSym && objSym.flags & ts.SymbolFlags.Class) unsupported(e, 'a static field', 'use module-level state');
  const obj = lowerExpr(F, e.expression);
  if (obj.t.k === 'fixed' && name === 'length') return V(NUM, fixedFacts(F, e.expression)?.len ?? `${obj.c}->length`);
  if (obj.t.k === 'table' && name === 'length') {
    const g = L.global(objSym!, objDecl as ts.VariableDeclaration, e);
    return V(NUM, `${g.tableLength}L`);
  }
  if (obj.t.k === 'str' && name === 'length') unsupported(e, "'.length' of a string", 'use strLen(s), the UTF-8 byte length, which is the same in Node and natively');
  if (obj.t.k === 'obj') {
    const f = L.findField(obj.t.cls, name);
    if (!f) errorAt(e, `'${name}' is not a field of ${obj.t.cls.cname} (methods can only be called, not taken as values)`);
    // A readonly field the whole program sets to one constant reads as that constant (ctor-facts.ts).
    const known = (f.type.k === 'num' || f.type.k === 'int') && (e.expression.kind === ts.SyntaxKind.ThisKeyword || ts.isIdentifier(e.expression)) && !isWriteTarget(e) ? knownFieldValue(L, f.owner, name) : undefined;
    if (known !== undefined) return V(f.type, cIntLiteral(known));
    const place = L.fieldPlace(obj.t.cls, obj.c, name);
    // A redeclaration that narrows the type (a subclass, a u8 for a number): read as
    // the narrow type, write as the stored one (coerce does the conversion).
    if (cType(f.type, '') === cType(f.storage, '')) return V(f.type, place);
    return isWriteTarget(e) ? V(f.storage, place) : V(f.type, `((${cType(f.type, '')})${place})`);
  }
  if (obj.t.k === 'iface') unsupported(e, 'reading a property through an interface', 'declare a method in the interface and call it');
  errorAt(e, `cannot read '${name}' of a ${typeName(obj.t)}`);
}

/** True when `e` is written: the left of an assignment or the operand of ++/--. */
function isWriteTarget(e: ts.Expression): boolean {
  let n: ts.Node = e;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isBinaryExpression(p)) return p.left === n && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
  return (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken);
}

function enumMemberInit(d: ts.VariableDeclaration, name: string): ts.Expression | undefined {
  let init = d.initializer;
  while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
  if (!init || !ts.isObjectLiteralExpression(init)) return undefined;
  for (const p of init.properties) if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name) return p.initializer;
  return undefined;
}

function lowerElementAccess(F: FnCtx, e: ts.ElementAccessExpression): Val {
  if (e.questionDotToken) unsupported(e, 'optional chaining (?.)', 'check for null with an if');
  const obj = lowerExpr(F, e.expression);
  if (obj.t.k !== 'table')
    unsupported(e, `indexing a ${typeName(obj.t)} with []`, obj.t.k === 'fixed' ? 'use .get(i) and .set(i, v)' : obj.t.k === 'str' ? 'use strByteAt(s, i)' : 'index module-level readonly tables only');
  const sym = F.L.resolveSymbol(F.L.checker.getSymbolAtLocation(e.expression));
  const g = F.L.global(sym!, sym!.valueDeclaration as ts.VariableDeclaration, e);
  const i = lowerExpr(F, e.argumentExpression);
  if (!isIntegral(i.t)) errorAt(e.argumentExpression, 'a table index must be a number');
  const read = `${obj.c}[rt_index_check(${asI64(i)}, ${g.tableLength}, ${F.loc(e)})]`;
  return V(obj.t.elem, obj.t.elem.k === 'num' ? `(int64_t)${read}` : read);
}

/** Arguments converted to the parameter types, evaluated left to right. */
export function lowerArgs(F: FnCtx, args: readonly ts.Expression[], params: IrType[], at: ts.Node): { pre: string; args: string[] } {
  if (args.length !== params.length) errorAt(at, `expected ${params.length} argument(s), got ${args.length}`);
  const vals = args.map((a, i) => coerce(F, lowerExpr(F, a, params[i]), params[i]!, a));
  const effectful = args.filter((a) => hasEffects(a)).length;
  if (effectful < 2) return { pre: '', args: vals };
  const names = vals.map(() => F.tmp('arg'));
  const pre = vals.map((v, i) => `${cType(params[i]!, names[i]!)} = ${v}; `).join('');
  return { pre, args: names };
}

function withPre(pre: string, call: string, ret: IrType): string {
  if (!pre) return call;
  return ret.k === 'void' || ret.k === 'never' ? `({ ${pre}${call}; })` : `({ ${pre}${call}; })`;
}

function lowerCall(F: FnCtx, e: ts.CallExpression): Val {
  const L = F.L;
  if (e.questionDotToken) unsupported(e, 'optional call (?.())', 'check for null with an if');
  const callee = e.expression;
  if (callee.kind === ts.SyntaxKind.SuperKeyword) errorAt(e, 'super(...) must be the first statement of a derived constructor');
  if (callee.kind === ts.SyntaxKind.ImportKeyword) unsupported(e, 'dynamic import()', 'use a static import');
  if (ts.isIdentifier(callee)) {
    const sym0 = L.checker.getSymbolAtLocation(callee);
    const sym = L.resolveSymbol(sym0);
    if (isIntrinsicCallee(L, sym)) return lowerIntrinsicCall(F, e, sym!.name);
    const local = sym0 && (F.lookup(sym0) ?? F.lookup(sym!));
    if (local) {
      if (local.type.k !== 'fn') errorAt(callee, `'${callee.text}' is not callable`);
      return callClosure(F, { t: local.type, c: local.c }, e);
    }
    const decl = sym?.declarations?.find(ts.isFunctionDeclaration);
    if (decl && decl.body) {
      const f = L.fnInst(decl, L.callSubst(e, decl, F.subst), 'function', e);
      const { pre, args } = lowerArgs(F, e.arguments, f.params, e);
      return V(f.ret, withPre(pre, `${f.cname}(${args.join(', ')})`, f.ret));
    }
    const fdecls = sym?.declarations?.filter(ts.isFunctionDeclaration) ?? [];
    if (fdecls.length > 1) unsupported(callee, `calling the overloaded function '${callee.text}'`, 'give each signature its own function name');
    rejectJsGlobal(L, callee, callee.text);
    if (decl) errorAt(callee, `'${callee.text}' is declared without a body (a Node-only or ambient function cannot be lowered)`);
    const vdecl = sym?.valueDeclaration;
    if (vdecl && ts.isVariableDeclaration(vdecl)) {
      const g = lowerIdentifier(F, callee);
      if (g.t.k === 'fn') return callClosure(F, g, e);
    }
    errorAt(callee, `cannot call '${callee.text}'`);
  }
  if (ts.isPropertyAccessExpression(callee)) return lowerMethodCall(F, e, callee);
  // x[Symbol.dispose](): an explicit disposal, as `using` does at scope exit (a member's, say).
  if (ts.isElementAccessExpression(callee) && isSymbolDispose(callee.argumentExpression)) return lowerMethodCall(F, e, callee);
  unsupported(e, 'calling a computed expression', 'call a named function, a method or a closure variable');
}

/** True for the expression `Symbol.dispose`. */
function isSymbolDispose(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Symbol' && ts.isIdentifier(e.name) && e.name.text === 'dispose';
}

/** A method call `recv.m(...)`, or `recv[Symbol.dispose]()` (the method the compiler names __dispose). */
function lowerMethodCall(F: FnCtx, e: ts.CallExpression, callee: ts.PropertyAccessExpression | ts.ElementAccessExpression): Val {
  const L = F.L;
  if (callee.questionDotToken) unsupported(callee, 'optional chaining (?.)', 'check for null with an if');
  if (ts.isPropertyAccessExpression(callee) && ts.isPrivateIdentifier(callee.name)) unsupported(callee.name, 'a #private member', 'use the `private` modifier');
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : '__dispose';
  rejectJsGlobal(L, callee.expression, `${callee.expression.getText()}.${name}`);
  if (callee.expression.kind === ts.SyntaxKind.SuperKeyword) {
    const cls = F.thisCls();
    if (!cls?.base) errorAt(callee, "'super' outside a derived class");
    const m = L.findMethod(cls.base, name);
    if (!m) errorAt(callee, `no method '${name}' in the base class`);
    const f = L.fnInst(m.decl, L.callSubst(e, m.decl, F.subst), 'method', e, m.owner);
    const { pre, args } = lowerArgs(F, e.arguments, f.params, e);
    return V(f.ret, withPre(pre, `${f.cname}((${m.owner.cname} *)${F.self()}${args.map((a) => ', ' + a).join('')})`, f.ret));
  }
  // Static method: Class.m(...)
  const recvSym = ts.isIdentifier(callee.expression) ? L.resolveSymbol(L.checker.getSymbolAtLocation(callee.expression)) : undefined;
  if (recvSym && recvSym.flags & ts.SymbolFlags.Class) {
    const cdecl = recvSym.declarations!.find(ts.isClassDeclaration)!;
    const m = cdecl.members.find((x): x is ts.MethodDeclaration => ts.isMethodDeclaration(x) && hasModifier(x, ts.SyntaxKind.StaticKeyword) && methodName(x) === name);
    if (!m) errorAt(callee, `no static method '${name}' on ${recvSym.name}`);
    const f = L.fnInst(m, L.callSubst(e, m, F.subst), 'function', e, undefined, `${recvSym.name}_${name}`);
    const { pre, args } = lowerArgs(F, e.arguments, f.params, e);
    return V(f.ret, withPre(pre, `${f.cname}(${args.join(', ')})`, f.ret));
  }
  const recv = lowerExpr(F, callee.expression);
  if (recv.t.k === 'fixed') return fixedArrayMethod(F, e, recv, name);
  if (recv.t.k === 'obj') {
    const fieldT = L.findField(recv.t.cls, name);
    if (fieldT && fieldT.type.k === 'fn' && ts.isPropertyAccessExpression(callee)) return callClosure(F, lowerPropertyAccess(F, callee), e);
    const m = L.findMethod(recv.t.cls, name);
    if (!m) errorAt(callee, `no method '${name === '__dispose' ? '[Symbol.dispose]' : name}' on ${recv.t.cls.cname}`);
    if (m.decl.typeParameters?.length && overriddenBelow(L, recv.t.cls, name)) unsupported(m.decl, 'a generic method that is overridden', 'make the class generic instead');
    if (overriddenBelow(L, recv.t.cls, name)) {
      const f = L.fnInst(m.decl, new Map(), 'method', e, m.owner);
      const d = L.dispatchFn({ kind: 'class', cls: recv.t.cls }, name, f.params, f.ret, e);
      const { pre, args } = lowerArgs(F, e.arguments, f.params, e);
      return V(f.ret, withPre(pre, `${d}(${[recv.c, ...args].join(', ')})`, f.ret));
    }
    const f = L.fnInst(m.decl, L.callSubst(e, m.decl, F.subst), 'method', e, m.owner);
    const self = m.owner === recv.t.cls ? recv.c : `((${m.owner.cname} *)${recv.c})`;
    const { pre, args } = lowerArgs(F, e.arguments, f.params, e);
    return V(f.ret, withPre(pre, `${f.cname}(${[self, ...args].join(', ')})`, f.ret));
  }
  if (recv.t.k === 'iface') {
    const sig = L.checker.getResolvedSignature(e);
    if (!sig) errorAt(e, 'cannot resolve this call');
    const mdecl = sig.getDeclaration();
    if (sig.typeParameters?.length || mdecl?.typeParameters?.length) unsupported(e, 'calling a generic method through an interface', 'make the interface generic instead (interface I<T> { m(x: T): T })');
    const params = sig.getParameters().map((p) => L.irType(L.checker.getTypeOfSymbolAtLocation(p, e), F.subst, e));
    const ret = L.irType(sig.getReturnType(), F.subst, e);
    const d = L.dispatchFn({ kind: 'iface', iface: recv.t.iface }, name, params, ret, e);
    const { pre, args } = lowerArgs(F, e.arguments, params, e);
    return V(ret, withPre(pre, `${d}(${[recv.c, ...args].join(', ')})`, ret));
  }
  if (recv.t.k === 'str') unsupported(callee, `the string method '${name}'`, 'use strLen, strByteAt or StrBuf from @unishyper/rt');
  errorAt(callee, `cannot call '${name}' on a ${typeName(recv.t)}`);
}

/** True when a subclass of `cls` (anywhere in the program) overrides method `name`. */
function overriddenBelow(L: FnCtx['L'], cls: { decl: ts.ClassDeclaration }, name: string): boolean {
  const subs = subclassIndex(L).get(cls.decl) ?? [];
  return subs.some(
    (s) =>
      s.members.some((m) => ts.isMethodDeclaration(m) && !!m.body && methodName(m) === name && !hasModifier(m, ts.SyntaxKind.StaticKeyword)) ||
      overriddenBelow(L, { decl: s }, name),
  );
}

let subclassCache: { program: ts.Program; map: Map<ts.ClassDeclaration, ts.ClassDeclaration[]> } | undefined;
function subclassIndex(L: FnCtx['L']): Map<ts.ClassDeclaration, ts.ClassDeclaration[]> {
  if (subclassCache?.program === L.program) return subclassCache.map;
  const map = new Map<ts.ClassDeclaration, ts.ClassDeclaration[]>();
  for (const sf of L.program.getSourceFiles()) {
    if (sf.isDeclarationFile) continue;
    for (const st of sf.statements) {
      if (!ts.isClassDeclaration(st)) continue;
      const ext = st.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      if (!ext) continue;
      const bsym = L.resolveSymbol(L.checker.getSymbolAtLocation(ext.expression));
      const bdecl = bsym?.declarations?.find(ts.isClassDeclaration);
      if (bdecl) map.set(bdecl, [...(map.get(bdecl) ?? []), st]);
    }
  }
  subclassCache = { program: L.program, map };
  return map;
}

function fixedArrayMethod(F: FnCtx, e: ts.CallExpression, recv: Val, name: string): Val {
  const elem = (recv.t as IrType & { k: 'fixed' }).elem;
  const et = cType(elem, '');
  const a = F.tmp('fa');
  const facts = fixedFacts(F, (e.expression as ts.PropertyAccessExpression).expression);
  const len = facts?.len ?? `${a}->length`;
  // The index, checked as far as index-facts.ts leaves necessary.
  const idx = () => {
    const i = lowerExpr(F, e.arguments[0]!);
    if (!isIntegral(i.t)) errorAt(e.arguments[0]!, 'an index must be a number');
    const recvNode = (e.expression as ts.PropertyAccessExpression).expression;
    return checkedIndex(F, recvNode, e.arguments[0]!, asI64(i), len, F.loc(e), (m) => asU32(lowerExpr(F, m)));
  };
  if (name === 'get' && e.arguments.length === 1) {
    return V(elem, `({ rt_fixed *${a} = ${recv.c}; ((${et} *)${a}->data)[${idx()}]; })`);
  }
  if (name === 'set' && e.arguments.length === 2) {
    const i = idx();
    const v = coerce(F, lowerExpr(F, e.arguments[1]!, elem), elem, e.arguments[1]!);
    return V({ k: 'void' }, `({ rt_fixed *${a} = ${recv.c}; int64_t ${a}_i = ${i}; ((${et} *)${a}->data)[${a}_i] = ${v}; })`);
  }
  unsupported(e, `FixedArray.${name}`, 'FixedArray has length, get(i) and set(i, v)');
}

function lowerNew(F: FnCtx, e: ts.NewExpression): Val {
  const L = F.L;
  if (ts.isIdentifier(e.expression) && e.expression.text === 'Error') unsupported(e, 'new Error outside throw', 'write `throw new Error(message)`');
  rejectJsGlobal(L, e.expression, `new ${e.expression.getText()}`);
  const t = L.typeAt(e, F.subst);
  if (t.k === 'fixed') {
    const args = e.arguments ?? ts.factory.createNodeArray();
    if (args.length !== 2) errorAt(e, 'new FixedArray<T>(length, fill) takes a length and a fill value');
    const n = lowerExpr(F, args[0]!);
    const fill = coerce(F, lowerExpr(F, args[1]!, t.elem), t.elem, args[1]!);
    const et = cType(t.elem, '');
    const a = F.tmp('fa');
    // The fill loop runs to the requested length (what rt_fixed_alloc stored), not
    // to a->length, which gcc would reload after every element store.
    return V(t, `({ int64_t ${a}_n = ${asI64(n)}; rt_fixed *${a} = rt_fixed_alloc(${a}_n, sizeof(${et}), _Alignof(${et}), ${F.loc(e)}); ${cType(t.elem, `${a}_fill`)} = ${fill}; for (int64_t ${a}_i = 0; ${a}_i < ${a}_n; ${a}_i++) ((${et} *)${a}->data)[${a}_i] = ${a}_fill; ${a}; })`);
  }
  if (t.k !== 'obj') unsupported(e, `new ${e.expression.getText()}`, 'construct dialect classes only');
  const cls = t.cls;
  if (hasModifier(cls.decl, ts.SyntaxKind.AbstractKeyword)) errorAt(e, `cannot instantiate abstract class ${cls.cname}`);
  L.markInstantiated(cls);
  const init = ctorOf(L, cls, e);
  // Implicit constructors learn their parameters when lowered; lower now.
  const newName = init.cname.replace(/_init$/, '_new');
  const args = e.arguments ?? ts.factory.createNodeArray();
  const params = ctorParamTypes(L, cls);
  const { pre, args: cargs } = lowerArgs(F, args, params, e);
  return V(t, withPre(pre, `${newName}(${cargs.join(', ')})`, t));
}

/** The C call that disposes of `obj` (a C expression of u's type). */
function disposeCall(F: FnCtx, u: Disposable, obj: string): string {
  const L = F.L;
  if (u.type.k === 'obj') {
    const m = L.findMethod(u.type.cls, '__dispose');
    if (!m) errorAt(u.at, `${u.type.cls.cname} has no [Symbol.dispose]() method`);
    if (overriddenBelow(L, u.type.cls, '__dispose')) {
      const d = L.dispatchFn({ kind: 'class', cls: u.type.cls }, '__dispose', [], { k: 'void' }, u.at);
      return `${d}(${obj})`;
    }
    const f = L.fnInst(m.decl, new Map(), 'method', u.at, m.owner);
    return `${f.cname}((${m.owner.cname} *)${obj})`;
  }
  if (u.type.k !== 'iface') throw new Error('disposeCall: not an object');
  const d = L.dispatchFn({ kind: 'iface', iface: u.type.iface }, '__dispose', [], { k: 'void' }, u.at);
  return `${d}(${obj})`;
}

export function emitDispose(F: FnCtx, u: Disposable): void {
  if (u.type.k !== 'obj' && u.type.k !== 'iface') return;
  if (u.rec) F.emit(`rt_cleanup_pop(&${u.rec});`);
  F.emit(`if (${u.c}) { ${disposeCall(F, u, u.c)};${u.owned ? ` rt_free(${u.c});` : ''} }`);
}

/**
 * The function a clean-up record calls for a `using` of u's type (one per
 * type and ownership): it disposes of the object and, when the declaration
 * created it, frees it.
 */
export function cleanupThunk(F: FnCtx, u: Disposable): string {
  const L = F.L;
  const typeName = u.type.k === 'obj' ? u.type.cls.cname : u.type.k === 'iface' ? u.type.iface.cname : '';
  const key = `${typeName}:${u.owned}`;
  const known = L.cleanupThunks.get(key);
  if (known) return known;
  const cname = L.uniqueCName(`${typeName}__cleanup${u.owned ? '_free' : ''}`);
  L.cleanupThunks.set(key, cname);
  L.prototypes.push(`static void ${cname}(void *obj);`);
  L.functionDefs.push(`${lineDirective(u.at)}\nstatic void ${cname}(void *obj) {\n${lineDirective(u.at)}\n  ${disposeCall(F, u, 'obj')};${u.owned ? ' rt_free(obj);' : ''}\n}`);
  return cname;
}

export { zeroOf };
