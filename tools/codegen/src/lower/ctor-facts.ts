// Readonly fields whose value the whole program fixes, so the lowering can use
// the constant instead of a load (gcc then folds the bounds checks, remainders
// and masks built on it, which it cannot do through a field under
// -fno-strict-aliasing).
//
// For a class with no base class and no subclass, whose name is used only in
// `new C(...)` and in types (so no other code can construct one), a
// constructor parameter that is never assigned holds the same constant in
// every object when every `new C(...)` passes that constant. A field is then
// known when it is `readonly`, never written outside the constructor
// (fixed-facts.ts: isStableField) and either
//   - a parameter property of such a parameter (set before any code of the
//     class runs), or
//   - set once, by a top-level `this.f = E` of the constructor (or by its
//     initialiser and never in the constructor), with E constant given the
//     parameters, and no code before it that could call out and read the
//     field while it is unset (field initialisers and statements before it
//     contain no call other than the rt wraps u32() and friends).
import type { ClassInst } from '../ir.js';
import { ts } from '../ts-adapter.js';
import { constValue } from './const-fold.js';
import { isStableField } from './fixed-facts.js';
import type { Lowering } from './program.js';

type Env = (id: ts.Identifier) => bigint | undefined;

const sitesCache = new WeakMap<ts.ClassDeclaration, (readonly ts.Expression[])[] | null>();
const paramCache = new WeakMap<ts.ParameterDeclaration, bigint | null>();

function classSymbol(L: Lowering, decl: ts.ClassDeclaration): ts.Symbol | undefined {
  return decl.name && L.resolveSymbol(L.checker.getSymbolAtLocation(decl.name));
}

/** The argument lists of every `new C(...)`, or null when C can be made or extended any other way. */
function constructionSites(L: Lowering, decl: ts.ClassDeclaration): (readonly ts.Expression[])[] | null {
  const known = sitesCache.get(decl);
  if (known !== undefined) return known;
  const sym = classSymbol(L, decl);
  let sites: (readonly ts.Expression[])[] | null = sym && !decl.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword) ? [] : null;
  const visit = (n: ts.Node): void => {
    if (!sites) return;
    if (ts.isIdentifier(n) && L.resolveSymbol(L.checker.getSymbolAtLocation(n)) === sym) {
      const p = n.parent;
      if (ts.isNewExpression(p) && p.expression === n) {
        if (p.arguments?.some(ts.isSpreadElement)) sites = null;
        else sites.push(p.arguments ?? []);
      } else if (!(ts.isTypeReferenceNode(p) || (ts.isClassDeclaration(p) && p.name === n) || ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isImportClause(p))) {
        sites = null; // a subclass, a class value, typeof: someone else may construct it
      }
    }
    ts.forEachChild(n, visit);
  };
  if (sym) for (const sf of L.program.getSourceFiles()) if (!sf.isDeclarationFile) visit(sf);
  sitesCache.set(decl, sites);
  return sites;
}

/** The class's constructor, when it has a body. */
export function ctorWithBody(decl: ts.ClassLikeDeclaration): ts.ConstructorDeclaration | undefined {
  return decl.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
}

/** True when `n` contains an assignment, ++ or -- of the identifier `name`. */
export function assigns(n: ts.Node, name: string): boolean {
  let found = false;
  const isName = (t: ts.Expression) => {
    while (ts.isParenthesizedExpression(t)) t = t.expression;
    return ts.isIdentifier(t) && t.text === name;
  };
  const visit = (c: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(c) && c.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && c.operatorToken.kind <= ts.SyntaxKind.LastAssignment && isName(c.left)) found = true;
    if ((ts.isPrefixUnaryExpression(c) || ts.isPostfixUnaryExpression(c)) && (c.operator === ts.SyntaxKind.PlusPlusToken || c.operator === ts.SyntaxKind.MinusMinusToken) && isName(c.operand)) found = true;
    ts.forEachChild(c, visit);
  };
  visit(n);
  return found;
}

/** The constant every construction passes for constructor parameter `p`, if they agree. */
function paramValue(L: Lowering, decl: ts.ClassDeclaration, p: ts.ParameterDeclaration): bigint | undefined {
  const known = paramCache.get(p);
  if (known !== undefined) return known ?? undefined;
  let v: bigint | null = null;
  const ctor = p.parent as ts.ConstructorDeclaration;
  const i = ctor.parameters.indexOf(p);
  const sites = constructionSites(L, decl);
  if (sites?.length && ts.isIdentifier(p.name) && !p.dotDotDotToken && !assigns(ctor.body!, p.name.text)) {
    const vals = sites.map((args) => {
      const a = args[i] ?? p.initializer;
      const c = a && constValue(L, a);
      return typeof c === 'bigint' ? c : undefined;
    });
    if (vals.every((x) => x !== undefined && x === vals[0])) v = vals[0]!;
  }
  paramCache.set(p, v);
  return v ?? undefined;
}

/** Constructor parameters of `decl` as an environment for constValue. */
export function ctorEnv(L: Lowering, decl: ts.ClassDeclaration): Env {
  const ctor = ctorWithBody(decl);
  return (id) => {
    const sym = L.checker.getSymbolAtLocation(id);
    const p = sym?.valueDeclaration;
    return p && ts.isParameter(p) && p.parent === ctor ? paramValue(L, decl, p) : undefined;
  };
}

const WRAPS = ['u8', 'u16', 'u32', 'u64', 'i8', 'i16', 'i32', 'i64'];

/** True when evaluating `n` can run no dialect code (only FixedArray allocation may be called). */
export function callFree(L: Lowering, n: ts.Node | undefined): boolean {
  if (!n) return true;
  // The rt wraps (u32(0), ...) are conversions: they run no dialect code.
  const wrap = ts.isCallExpression(n) && ts.isIdentifier(n.expression) && WRAPS.some((w) => L.isRtSymbol(L.resolveSymbol(L.checker.getSymbolAtLocation(n.expression)), w));
  if ((ts.isCallExpression(n) && !wrap) || ts.isTaggedTemplateExpression(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n)) return false;
  if (ts.isNewExpression(n) && !(ts.isIdentifier(n.expression) && L.isRtSymbol(L.resolveSymbol(L.checker.getSymbolAtLocation(n.expression)), 'FixedArray'))) return false;
  let ok = true;
  ts.forEachChild(n, (c) => {
    if (ok && !callFree(L, c)) ok = false;
  });
  return ok;
}

const isThisField = (e: ts.Expression, name: string): boolean =>
  ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword && e.name.text === name;

/** The constant that field `name` of `cls` holds in every object, when the program fixes it. */
export function knownFieldValue(L: Lowering, cls: ClassInst, name: string): bigint | undefined {
  if (cls.base || !isStableField(L, cls, name)) return undefined;
  const decl = cls.decl;
  if (!constructionSites(L, decl)) return undefined;
  const ctor = ctorWithBody(decl);
  const pp = ctor?.parameters.find((p) => ts.getModifiers(p)?.length && ts.isIdentifier(p.name) && p.name.text === name);
  const stmts: readonly ts.Statement[] = ctor?.body?.statements ?? [];
  const writes = stmts.filter((s) => assignsField(s, name));
  if (pp) return writes.length ? undefined : paramValue(L, decl, pp);
  const prop = decl.members.find((m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name);
  if (!prop) return undefined;
  const inits = decl.members.filter((m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && !!m.initializer);
  const env = ctorEnv(L, decl);
  if (prop.initializer) {
    if (writes.length) return undefined;
    if (!inits.slice(0, inits.indexOf(prop)).every((m) => callFree(L, m.initializer))) return undefined;
    return bigintOf(constValue(L, prop.initializer, env));
  }
  if (writes.length !== 1) return undefined;
  const st = writes[0]!;
  const at = stmts.indexOf(st);
  if (!ts.isExpressionStatement(st) || !ts.isBinaryExpression(st.expression) || st.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !isThisField(st.expression.left, name)) return undefined;
  if (!inits.every((m) => callFree(L, m.initializer)) || !stmts.slice(0, at + 1).every((s) => callFree(L, s))) return undefined;
  return bigintOf(constValue(L, st.expression.right, env));
}

const bigintOf = (v: bigint | boolean | undefined): bigint | undefined => (typeof v === 'bigint' ? v : undefined);

/** True when statement `s` writes `this.name` anywhere inside it. */
export function assignsField(s: ts.Node, name: string): boolean {
  let found = false;
  const visit = (c: ts.Node): void => {
    if (found) return;
    let t: ts.Expression | undefined;
    if (ts.isBinaryExpression(c) && c.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && c.operatorToken.kind <= ts.SyntaxKind.LastAssignment) t = c.left;
    if ((ts.isPrefixUnaryExpression(c) || ts.isPostfixUnaryExpression(c)) && (c.operator === ts.SyntaxKind.PlusPlusToken || c.operator === ts.SyntaxKind.MinusMinusToken)) t = c.operand;
    while (t && ts.isParenthesizedExpression(t)) t = t.expression;
    if (t && isThisField(t, name)) found = true;
    ts.forEachChild(c, visit);
  };
  visit(s);
  return found;
}
