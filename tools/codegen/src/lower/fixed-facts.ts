// What the lowering knows about a FixedArray receiver of get/set/length, so
// that gcc need not reload (or even check against) its length.
//
// A FixedArray's length never changes after allocation, but with
// -fno-strict-aliasing gcc must assume that every store (an element, a
// field) may change `a->length`, and reloads it, and the array pointer when
// it comes from a field, at every access after a store. The dialect knows
// more:
//   - a `const` local or a never-assigned parameter holding a FixedArray
//     always holds the same array, so its length is read once, into a C
//     local, where the binding is declared;
//   - a `readonly` field cannot change after the constructor (this module
//     also checks that no code assigns a field of that name outside a
//     constructor, which TypeScript would allow through a generic or a
//     mutable alias type); when every initialiser of such a field is
//     `new FixedArray(N, ...)` with a constant N, every array it holds has
//     length N, and so has a const local initialised from it or from such a
//     `new`: gcc then drops the bounds checks that loop bounds prove.
// Bounds checks stay; only their operand comes from a register or a constant.
// (Reading a non-constant stable field's pointer and length once at method
// entry was measured too: it helped the LRU and hash kernels by 1% and cost
// the heap kernel 5%, so it is not done.)
import type { ClassInst } from '../ir.js';
import { ts } from '../ts-adapter.js';
import { constValue } from './const-fold.js';
import { ctorEnv } from './ctor-facts.js';
import type { FnCtx } from './context.js';
import type { Lowering } from './program.js';

/** How to reach a receiver's array and its length without loads. */
export interface FixedFacts {
  /** C expression for its length: a cached local or a constant. */
  len: string;
}

const assignedOutsideCtors = new WeakMap<Lowering, Set<string>>();

/** Names of properties written anywhere in the program other than `this.x = ...` in a constructor. */
function writtenFields(L: Lowering): Set<string> {
  let names = assignedOutsideCtors.get(L);
  if (names) return names;
  names = new Set();
  const found = names;
  const inCtorOnThis = (n: ts.Node, target: ts.PropertyAccessExpression): boolean => {
    if (target.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
    for (let p = n.parent; p; p = p.parent) {
      if (ts.isConstructorDeclaration(p)) return true;
      if (ts.isFunctionLike(p)) return false;
    }
    return false;
  };
  const visit = (n: ts.Node): void => {
    let target: ts.Expression | undefined;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) target = n.left;
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) target = n.operand;
    while (target && ts.isParenthesizedExpression(target)) target = target.expression;
    if (target && ts.isPropertyAccessExpression(target) && !inCtorOnThis(n, target)) found.add(target.name.text);
    // `o['f'] = v` names a field too (other element writes are to arrays, in Node-only code).
    if (target && ts.isElementAccessExpression(target) && ts.isStringLiteralLike(target.argumentExpression)) found.add(target.argumentExpression.text);
    ts.forEachChild(n, visit);
  };
  for (const sf of L.program.getSourceFiles()) if (!sf.isDeclarationFile) visit(sf);
  assignedOutsideCtors.set(L, names);
  return names;
}

/** The declaration of field `name` in `cls` or a base class: a property or a parameter property. */
function fieldDecl(cls: ClassInst, name: string): ts.PropertyDeclaration | ts.ParameterDeclaration | undefined {
  for (let c: ClassInst | undefined = cls; c; c = c.base) {
    for (const m of c.decl.members) {
      if (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name) return m;
      if (ts.isConstructorDeclaration(m))
        for (const p of m.parameters) if (ts.getModifiers(p)?.length && ts.isIdentifier(p.name) && p.name.text === name) return p;
    }
  }
  return undefined;
}

const isReadonly = (d: ts.Node): boolean => !!ts.getModifiers(d as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword);

/** True when field `name` of `cls` holds the same value from the end of the constructor on. */
export function isStableField(L: Lowering, cls: ClassInst, name: string): boolean {
  const d = fieldDecl(cls, name);
  if (!d || !isReadonly(d)) return false;
  return !writtenFields(L).has(name);
}

/** N when `e` is `new FixedArray<T>(N, fill)` with a constant N >= 0. */
export function newFixedLength(L: Lowering, e: ts.Expression | undefined, env?: (id: ts.Identifier) => bigint | undefined): bigint | undefined {
  while (e && (ts.isParenthesizedExpression(e) || ts.isAsExpression(e))) e = e.expression;
  if (!e || !ts.isNewExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'FixedArray') return undefined;
  const n = e.arguments?.[0] && constValue(L, e.arguments[0], env);
  return typeof n === 'bigint' && n >= 0n ? n : undefined;
}

const fieldLengths = new WeakMap<ts.Node, bigint | null>();

/** The class declarations that `c` extends, nearest first. */
function basesOf(L: Lowering, c: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration[] {
  const out: ts.ClassLikeDeclaration[] = [];
  for (let t = c; ; ) {
    const base = t.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    const sym = base && L.resolveSymbol(L.checker.getSymbolAtLocation(base.expression));
    const decl = sym?.declarations?.find(ts.isClassLike);
    if (!decl || out.includes(decl)) return out;
    out.push(decl);
    t = decl;
  }
}

/** True when a subclass of the field's class declares a field of the same name (and so other initialisers). */
function redeclaredBelow(L: Lowering, d: ts.PropertyDeclaration | ts.ParameterDeclaration): boolean {
  const owner = (ts.isParameter(d) ? d.parent.parent : d.parent) as ts.ClassLikeDeclaration;
  const name = (d.name as ts.Identifier).text;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isClassLike(n) && n !== owner) {
      const declares = n.members.some(
        (m) =>
          (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name) ||
          (ts.isConstructorDeclaration(m) && m.parameters.some((p) => ts.getModifiers(p)?.length && ts.isIdentifier(p.name) && p.name.text === name)),
      );
      if (declares && basesOf(L, n).includes(owner)) found = true;
    }
    ts.forEachChild(n, visit);
  };
  for (const sf of L.program.getSourceFiles()) if (!sf.isDeclarationFile) visit(sf);
  return found;
}

/** Every value a field declaration is given: its initialiser and each `x.name = v` in its class's constructor. */
export function fieldInits(d: ts.PropertyDeclaration): { value: ts.Expression; at: ts.Node }[] {
  const name = (d.name as ts.Identifier).text;
  const inits: { value: ts.Expression; at: ts.Node }[] = [];
  if (d.initializer) inits.push({ value: d.initializer, at: d });
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.name.text === name) inits.push({ value: n.right, at: n });
    ts.forEachChild(n, visit);
  };
  for (const m of d.parent.members) if (ts.isConstructorDeclaration(m) && m.body) visit(m.body);
  return inits;
}

/** The declaration of stable field `name` of `cls` (a property or parameter property) that no subclass redeclares. */
export function stableFieldDecl(L: Lowering, cls: ClassInst, name: string): ts.PropertyDeclaration | ts.ParameterDeclaration | undefined {
  const d = fieldDecl(cls, name);
  return d && isStableField(L, cls, name) && !redeclaredBelow(L, d) ? d : undefined;
}

/** The length every value of a stable FixedArray field has, when all its initialisers agree on a constant. */
export function stableFieldLength(L: Lowering, cls: ClassInst, name: string): bigint | undefined {
  const d = fieldDecl(cls, name);
  if (!d || !isStableField(L, cls, name) || ts.isParameter(d) || redeclaredBelow(L, d)) return undefined;
  const known = fieldLengths.get(d);
  if (known !== undefined) return known ?? undefined;
  const owner = d.parent as ts.ClassLikeDeclaration;
  const inits = fieldInits(d).map((a) => a.value);
  // N may be a constructor parameter every `new` passes the same constant for (ctor-facts.ts).
  const env = ts.isClassDeclaration(owner) ? ctorEnv(L, owner) : undefined;
  const lens = inits.map((i) => newFixedLength(L, i, env));
  const n = lens.length && lens.every((x) => x !== undefined && x === lens[0]) ? lens[0]! : null;
  fieldLengths.set(d, n);
  return n ?? undefined;
}

/** What is known about the FixedArray that `recv` (the receiver expression of get/set/length) evaluates to. */
export function fixedFacts(F: FnCtx, recv: ts.Expression): FixedFacts | undefined {
  const L = F.L;
  while (ts.isParenthesizedExpression(recv)) recv = recv.expression;
  if (ts.isIdentifier(recv)) {
    const sym = L.checker.getSymbolAtLocation(recv);
    const local = sym && F.lookup(sym);
    return local?.fixedLen ? { len: local.fixedLen } : undefined;
  }
  if (!ts.isPropertyAccessExpression(recv)) return undefined;
  const recvT = recv.expression.kind === ts.SyntaxKind.ThisKeyword ? undefined : L.typeAt(recv.expression, F.subst);
  const cls = recv.expression.kind === ts.SyntaxKind.ThisKeyword ? F.thisCls() : recvT?.k === 'obj' ? recvT.cls : undefined;
  if (!cls || !L.findField(cls, recv.name.text)) return undefined;
  const n = stableFieldLength(L, cls, recv.name.text);
  return n !== undefined ? { len: `${n}L` } : undefined;
}
