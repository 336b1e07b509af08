// Lowers function bodies (functions, methods, constructors, module
// initialisers) to C, statement by statement.
import { errorAt, unsupported } from '../diagnostics.js';
import type { ClassInst, IrType } from '../ir.js';
import { ts } from '../ts-adapter.js';
import { FnCtx, lineDirective, type Disposable, type JumpTarget } from './context.js';
import { cIdent, cType } from './ctypes.js';
import { cleanupThunk, coerce, condition, emitDispose, equals, lowerExpr, lowerExprStatement } from './expr.js';
import { methodName, hasModifier, type FnInst, type Lowering } from './program.js';
import { fixedFacts, newFixedLength } from './fixed-facts.js';
import { isNeverReassigned } from './closure.js';
import { holdsOnlyInt32 } from './int32-locals.js';

export type FnKind = 'function' | 'method' | 'ctor' | 'static';

export type BodyJob =
  | { kind: 'fn'; inst: FnInst }
  | { kind: 'init'; expr: ts.Expression; target: string; targetType: IrType; mod: ts.SourceFile };

/** Lowers one job; function definitions go to L.functionDefs. Returns init code for 'init' jobs. */
export function lowerFunctionBody(L: Lowering, job: BodyJob): string {
  if (job.kind === 'init') {
    const F = new FnCtx(L, new Map(), { k: 'void' }, undefined);
    F.indent = 1;
    const v = lowerExpr(F, job.expr);
    F.emit(`${job.target} = ${coerce(F, v, job.targetType, job.expr)};`);
    return F.lines.join('\n');
  }
  const f = job.inst;
  if (f.kind === 'ctor') return lowerCtor(L, f), '';
  const F = new FnCtx(L, f.subst, f.ret, f.cls);
  const params: string[] = [];
  if (f.kind === 'method') params.push(`${f.cls!.cname} *self`);
  f.decl.parameters.forEach((p, i) => {
    const sym = L.checker.getSymbolAtLocation(p.name)!;
    const c = F.declareLocal(sym, (p.name as ts.Identifier).text, f.params[i]!, false);
    params.push(cType(f.params[i]!, c));
    // A FixedArray parameter that is never assigned is one array: read its length once
    // (not when it may be null: `FixedArray<T> | null` has the same C type).
    if (f.params[i]!.k === 'fixed' && !mayBeNull(L, p.name) && isNeverReassigned(L, sym)) {
      const len = F.fresh(`${c}_len`);
      F.entryDecls.push(`const int64_t ${len} = ${c}->length;`);
      F.locals.get(sym)!.fixedLen = len;
    }
  });
  const sig = `${cType(f.ret, f.cname)}(${params.join(', ') || 'void'})`;
  const linkage = L.exported.includes(f) ? '' : inlineForClosures(L, f) ? 'static inline RT_ALWAYS_INLINE ' : 'static ';
  L.prototypes.push(`${linkage}${f.ret.k === 'never' ? '_Noreturn ' : ''}${sig};`);
  const body = f.decl.body;
  if (!body) errorAt(f.decl, 'a function without a body cannot be lowered');
  F.scopes.push({ usings: [] });
  if (ts.isBlock(body)) {
    for (const st of body.statements) lowerStatement(F, st);
  } else {
    F.lineOf(body);
    const v = lowerExpr(F, body);
    F.emit(f.ret.k === 'void' ? `${v.c};` : `return ${coerce(F, v, f.ret, body)};`);
  }
  closeScope(F);
  if (f.ret.k === 'never') F.emit('__builtin_unreachable();');
  F.lines.unshift(...F.entryDecls.map((d) => `  ${d}`));
  L.functionDefs.push(`${lineDirective(f.decl)}\n${linkage}${sig} {\n${F.lines.join('\n')}\n}`);
  return '';
}

/** Takes a closure parameter (a higher-order function such as forEach or fold). */
function takesClosure(L: Lowering, d: ts.SignatureDeclaration): boolean {
  return d.parameters.some((p) => {
    const t = L.checker.getTypeAtLocation(p);
    return t.getCallSignatures().length > 0;
  });
}

/**
 * A small higher-order function is inlined into every caller, so the closure
 * it is given is a known function there and gcc can inline the arrow's body
 * into the loop that calls it (C callbacks get this from gcc's own
 * interprocedural constant propagation, which does not look into the
 * rt_closure struct). Only small bodies that call no other higher-order
 * function, so that always_inline can never meet recursion.
 */
function inlineForClosures(L: Lowering, f: FnInst): boolean {
  const body = f.decl.body;
  if (!body || !takesClosure(L, f.decl)) return false;
  let nodes = 0;
  let callsHigherOrder = false;
  const visit = (n: ts.Node): void => {
    nodes++;
    if (ts.isCallExpression(n)) {
      const sym = L.resolveSymbol(L.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(n.expression) ? n.expression.name : n.expression));
      const d = sym?.valueDeclaration;
      if (d && (ts.isFunctionDeclaration(d) || ts.isMethodDeclaration(d) || ts.isMethodSignature(d)) && takesClosure(L, d)) callsHigherOrder = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return !callsHigherOrder && nodes <= 200;
}

/** `C_new(args)` allocates and calls `C_init(self, args)`; init runs the base init, field initialisers, then the body. */
function lowerCtor(L: Lowering, f: FnInst): void {
  const cls = f.cls!;
  const F = new FnCtx(L, f.subst, { k: 'void' }, cls);
  const params: string[] = [`${cls.cname} *self`];
  const names: string[] = [];
  const ctor = ts.isConstructorDeclaration(f.decl) ? f.decl : undefined;
  ctor?.parameters.forEach((p, i) => {
    // A parameter property (`constructor(readonly n: number)`) has two symbols, the
    // property and the parameter; the body's plain `n` means the parameter.
    const sym =
      ts.getModifiers(p)?.length && ts.isIdentifier(p.name)
        ? L.checker.getSymbolsOfParameterPropertyDeclaration(p as ts.ParameterPropertyDeclaration, p.name.text)[0]
        : L.checker.getSymbolAtLocation(p.name)!;
    const c = F.declareLocal(sym, (p.name as ts.Identifier).text, f.params[i]!, false);
    params.push(cType(f.params[i]!, c));
    names.push(c);
  });
  const initName = f.cname;
  const newName = f.cname.replace(/_init$/, '_new');
  const initSig = `void ${initName}(${params.join(', ')})`;
  L.prototypes.push(`static ${initSig};`);
  const runFieldInits = () => {
    ctor?.parameters.forEach((p, i) => {
      if (ts.getModifiers(p)?.length && ts.isIdentifier(p.name)) {
        F.lineOf(p);
        const fld = L.findField(cls, p.name.text)!;
        F.emit(`${L.fieldPlace(cls, 'self', p.name.text)} = ${coerce(F, { t: fld.type, c: names[i]! }, fld.storage, p)};`);
      }
    });
    for (const m of cls.decl.members) {
      if (ts.isPropertyDeclaration(m) && !hasModifier(m, ts.SyntaxKind.StaticKeyword) && m.initializer) {
        F.lineOf(m);
        const fname = (m.name as ts.Identifier).text;
        const ft = cls.ownFields.find((x) => x.name === fname)!.type;
        const storage = L.findField(cls, fname)!.storage;
        const v = coerce(F, lowerExpr(F, m.initializer), ft, m.initializer);
        F.emit(`${L.fieldPlace(cls, 'self', fname)} = ${coerce(F, { t: ft, c: v }, storage, m.initializer)};`);
      }
    }
  };
  F.scopes.push({ usings: [] });
  if (!ctor) {
    // Implicit constructor: forwards its arguments to the base constructor.
    if (cls.base) {
      F.lineOf(f.decl);
      const b = baseCtor(L, cls.base, f.decl);
      b.params.splice(0, b.params.length, ...ctorParamTypes(L, cls.base));
      b.params.forEach((t, i) => params.push(cType(t, `a${i}`)));
      const fixed = `void ${initName}(${params.join(', ')})`;
      L.prototypes[L.prototypes.length - 1] = `static ${fixed};`;
      F.emit(`${b.cname}((${cls.base.cname} *)self${b.params.map((_, i) => `, a${i}`).join('')});`);
      runFieldInits();
      finishCtor(L, F, cls, f.decl, fixed, initName, newName, b.params.map((t, i) => cType(t, `a${i}`)), b.params.map((_, i) => `a${i}`));
      f.params.splice(0, f.params.length, ...b.params);
      return;
    }
    runFieldInits();
  } else {
    const stmts = ctor.body?.statements ?? ts.factory.createNodeArray();
    let superDone = !cls.base;
    if (superDone) runFieldInits();
    for (const st of stmts) {
      if (!superDone && ts.isExpressionStatement(st) && ts.isCallExpression(st.expression) && st.expression.expression.kind === ts.SyntaxKind.SuperKeyword) {
        F.lineOf(st);
        const call = st.expression;
        const b = baseCtor(L, cls.base!, call);
        const args = call.arguments.map((a, i) => coerce(F, lowerExpr(F, a), b.params[i]!, a));
        F.emit(`${b.cname}((${cls.base!.cname} *)self${args.map((a) => ', ' + a).join('')});`);
        superDone = true;
        runFieldInits();
        continue;
      }
      lowerStatement(F, st);
    }
  }
  finishCtor(L, F, cls, f.decl, initSig, initName, newName, params.slice(1), names);
}

function finishCtor(L: Lowering, F: FnCtx, cls: ClassInst, decl: ts.Node, initSig: string, initName: string, newName: string, params: string[], args: string[]): void {
  closeScope(F);
  // Both C functions belong to the constructor (or the class, when it declares none).
  const at = lineDirective(decl);
  L.functionDefs.push(`${at}\nstatic ${initSig} {\n${F.lines.join('\n')}\n}`);
  const newSig = `${cls.cname} *${newName}(${params.join(', ') || 'void'})`;
  L.prototypes.push(`static ${newSig};`);
  L.functionDefs.push(
    `${at}\nstatic ${newSig} {\n${at}\n  ${cls.cname} *self = (${cls.cname} *)rt_alloc(sizeof(${cls.cname}), _Alignof(${cls.cname}));\n` +
      `  *(uint32_t *)self = ${cls.cid}; /* class id of ${cls.cname} */\n  ${initName}(self${args.map((a) => ', ' + a).join('')});\n  return self;\n}`,
  );
}

/** The init function of a class (lowered on demand). */
export function ctorOf(L: Lowering, cls: ClassInst, at: ts.Node): FnInst {
  const decl = cls.decl.members.find(ts.isConstructorDeclaration) ?? (cls.decl as unknown as ts.FunctionLikeDeclaration);
  return L.fnInst(decl, new Map(), 'ctor', at, cls, 'init');
}

/** Parameter types of a class's constructor (inherited when it declares none). */
export function ctorParamTypes(L: Lowering, cls: ClassInst): IrType[] {
  for (let c: ClassInst | undefined = cls; c; c = c.base) {
    const ctor = c.decl.members.find(ts.isConstructorDeclaration);
    if (ctor) return ctor.parameters.map((p) => L.typeAt(p.name, c!.subst));
  }
  return [];
}

function baseCtor(L: Lowering, base: ClassInst, at: ts.Node): FnInst {
  return ctorOf(L, base, at);
}

// ---- statements ------------------------------------------------------------

export function lowerStatement(F: FnCtx, st: ts.Statement): void {
  const L = F.L;
  if (!ts.isBlock(st) && !ts.isEmptyStatement(st)) F.lineOf(st);
  switch (st.kind) {
    case ts.SyntaxKind.Block: {
      F.emit('{');
      F.indent++;
      F.scopes.push({ usings: [] });
      for (const s of (st as ts.Block).statements) lowerStatement(F, s);
      closeScope(F);
      F.indent--;
      F.emit('}');
      return;
    }
    case ts.SyntaxKind.EmptyStatement:
      return;
    case ts.SyntaxKind.VariableStatement:
      return lowerVarDecls(F, (st as ts.VariableStatement).declarationList);
    case ts.SyntaxKind.ExpressionStatement:
      lowerExprStatement(F, (st as ts.ExpressionStatement).expression);
      return;
    case ts.SyntaxKind.IfStatement: {
      const s = st as ts.IfStatement;
      F.emit(`if (${condition(F, s.expression)}) {`);
      subBlock(F, s.thenStatement);
      if (s.elseStatement) {
        F.emit('} else {');
        subBlock(F, s.elseStatement);
      }
      F.emit('}');
      return;
    }
    case ts.SyntaxKind.WhileStatement: {
      const s = st as ts.WhileStatement;
      loop(F, st, (t) => {
        F.emit(`while (${condition(F, s.expression)}) {`);
        subBlock(F, s.statement);
        contLabel(F, t);
        F.emit('}');
      });
      return;
    }
    case ts.SyntaxKind.DoStatement: {
      const s = st as ts.DoStatement;
      loop(F, st, (t) => {
        F.emit('do {');
        subBlock(F, s.statement);
        contLabel(F, t);
        F.emit(`} while (${condition(F, s.expression)});`);
      });
      return;
    }
    case ts.SyntaxKind.ForStatement: {
      const s = st as ts.ForStatement;
      F.emit('{');
      F.indent++;
      F.scopes.push({ usings: [] });
      if (s.initializer) {
        if (ts.isVariableDeclarationList(s.initializer)) lowerVarDecls(F, s.initializer);
        else lowerExprStatement(F, s.initializer);
      }
      loop(F, st, (t) => {
        const cond = s.condition ? condition(F, s.condition) : '1';
        const inc = s.incrementor ? lowerExpr(F, s.incrementor).c : '';
        F.emit(`for (; ${cond}; ${inc}) {`);
        subBlock(F, s.statement);
        contLabel(F, t);
        F.emit('}');
      });
      closeScope(F);
      F.indent--;
      F.emit('}');
      return;
    }
    case ts.SyntaxKind.ForOfStatement:
    case ts.SyntaxKind.ForInStatement:
      unsupported(st, st.kind === ts.SyntaxKind.ForOfStatement ? 'for...of' : 'for...in', 'use a counted for loop with an index and .get(i)');
    case ts.SyntaxKind.LabeledStatement: {
      const s = st as ts.LabeledStatement;
      const inner = s.statement;
      if (ts.isForStatement(inner) || ts.isWhileStatement(inner) || ts.isDoStatement(inner)) {
        pendingLabel = s.label.text;
        lowerStatement(F, inner);
        return;
      }
      const t = pushTarget(F, 'block', s.label.text);
      lowerStatement(F, inner);
      popTarget(F, t);
      return;
    }
    case ts.SyntaxKind.BreakStatement:
    case ts.SyntaxKind.ContinueStatement:
      return jump(F, st as ts.BreakOrContinueStatement);
    case ts.SyntaxKind.ReturnStatement:
      return lowerReturn(F, st as ts.ReturnStatement);
    case ts.SyntaxKind.SwitchStatement:
      return lowerSwitch(F, st as ts.SwitchStatement);
    case ts.SyntaxKind.ThrowStatement: {
      const e = (st as ts.ThrowStatement).expression;
      if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Error' && e.arguments?.length === 1) {
        const msg = lowerExpr(F, e.arguments[0]!);
        if (msg.t.k !== 'str') errorAt(e.arguments[0]!, 'the Error message must be a string');
        F.emit(`rt_panic(${msg.c}, ${F.loc(st)});`);
        return;
      }
      unsupported(st, 'throwing anything but `new Error(message)`', 'write `throw new Error("message")` or panic("message"): both end the current thread');
    }
    case ts.SyntaxKind.TryStatement:
      unsupported(st, 'try/catch/finally', 'errors are values (return a status); `using` gives deterministic clean-up; a panic ends the thread');
    case ts.SyntaxKind.FunctionDeclaration:
      unsupported(st, 'a nested function declaration', 'declare it at module level, or use an arrow function passed as an argument');
    case ts.SyntaxKind.ClassDeclaration:
      unsupported(st, 'a class declared inside a function', 'declare the class at module level');
    case ts.SyntaxKind.TypeAliasDeclaration:
    case ts.SyntaxKind.InterfaceDeclaration:
      return;
    case ts.SyntaxKind.DebuggerStatement:
      unsupported(st, "'debugger'", 'set a breakpoint with gdb (nx run <app>:debug)');
    case ts.SyntaxKind.WithStatement:
      unsupported(st, "'with'", 'name the object explicitly');
    default:
      unsupported(st, `the statement '${st.getText().split(/\s/)[0]}'`, 'see docs/dialect.md for the supported statements');
  }
}

let pendingLabel: string | undefined;

function subBlock(F: FnCtx, st: ts.Statement): void {
  F.indent++;
  F.scopes.push({ usings: [] });
  if (ts.isBlock(st)) for (const s of st.statements) lowerStatement(F, s);
  else lowerStatement(F, st);
  closeScope(F);
  F.indent--;
}

function loop(F: FnCtx, st: ts.Statement, body: (t: JumpTarget) => void): void {
  const label = pendingLabel;
  pendingLabel = undefined;
  void st;
  const t = pushTarget(F, 'loop', label);
  body(t);
  popTarget(F, t);
}

function contLabel(F: FnCtx, t: JumpTarget): void {
  if (t.usedCont) F.emit(`  ${t.cont}: ;`);
}

function pushTarget(F: FnCtx, kind: JumpTarget['kind'], label?: string): JumpTarget {
  const n = F.tmp(kind === 'switch' ? 'sw' : label ? cIdent(label) : 'loop');
  const t: JumpTarget = { kind, label, brk: `${n}_break`, cont: `${n}_continue`, usedBrk: false, usedCont: false, scopeDepth: F.scopes.length };
  F.targets.push(t);
  return t;
}

function popTarget(F: FnCtx, t: JumpTarget): void {
  F.targets.pop();
  if (t.usedBrk) F.emit(`${t.brk}: ;`);
}

function jump(F: FnCtx, st: ts.BreakOrContinueStatement): void {
  const isBreak = st.kind === ts.SyntaxKind.BreakStatement;
  const label = st.label?.text;
  let idx = -1;
  for (let i = F.targets.length - 1; i >= 0; i--) {
    const t = F.targets[i]!;
    if (label ? t.label === label : isBreak ? t.kind !== 'block' : t.kind === 'loop') {
      idx = i;
      break;
    }
  }
  if (idx < 0) errorAt(st, `no enclosing ${label ? `statement labelled '${label}'` : isBreak ? 'loop or switch' : 'loop'} for this ${isBreak ? 'break' : 'continue'}`);
  const t = F.targets[idx]!;
  // Dispose `using` variables of the scopes being left.
  for (let d = F.scopes.length - 1; d >= t.scopeDepth; d--) for (const u of [...F.scopes[d]!.usings].reverse()) emitDispose(F, u);
  const innermost = idx === F.targets.length - 1;
  if (isBreak) {
    if (innermost && t.kind === 'loop') F.emit('break;');
    else {
      t.usedBrk = true;
      F.emit(`goto ${t.brk};`);
    }
  } else {
    if (innermost) F.emit('continue;');
    else {
      t.usedCont = true;
      F.emit(`goto ${t.cont};`);
    }
  }
}

function lowerReturn(F: FnCtx, st: ts.ReturnStatement): void {
  const hasUsings = F.scopes.some((s) => s.usings.length);
  const disposeAll = () => {
    for (let d = F.scopes.length - 1; d >= 0; d--) for (const u of [...F.scopes[d]!.usings].reverse()) emitDispose(F, u);
  };
  if (!st.expression) {
    disposeAll();
    F.emit('return;');
    return;
  }
  const v = lowerExpr(F, st.expression);
  if (F.retType.k === 'never') {
    F.emit(`${v.c};`);
    F.emit('__builtin_unreachable();');
    return;
  }
  if (F.retType.k === 'void') {
    F.emit(`${v.c};`);
    disposeAll();
    F.emit('return;');
    return;
  }
  const c = coerce(F, v, F.retType, st.expression);
  if (!hasUsings) {
    F.emit(`return ${c};`);
    return;
  }
  const r = F.tmp('ret');
  F.emit(`${cType(F.retType, r)} = ${c};`);
  disposeAll();
  F.emit(`return ${r};`);
}

function lowerSwitch(F: FnCtx, st: ts.SwitchStatement): void {
  const d = lowerExpr(F, st.expression);
  const t = pushTarget(F, 'switch');
  const s = F.tmp('disc');
  F.emit('{');
  F.indent++;
  F.emit(`${cType(d.t, s)} = ${d.c};`);
  const labels = st.caseBlock.clauses.map(() => F.tmp('case'));
  let defaultLabel: string | undefined;
  st.caseBlock.clauses.forEach((cl, i) => {
    if (ts.isDefaultClause(cl)) {
      defaultLabel = labels[i];
      return;
    }
    const v = lowerExpr(F, cl.expression);
    F.emit(`if (${equals(F, { t: d.t, c: s }, v, cl.expression)}) goto ${labels[i]};`);
  });
  t.usedBrk = true;
  F.emit(`goto ${defaultLabel ?? t.brk};`);
  st.caseBlock.clauses.forEach((cl, i) => {
    F.emit(`${labels[i]}: ;`);
    F.indent++;
    for (const s2 of cl.statements) lowerStatement(F, s2);
    F.indent--;
  });
  F.indent--;
  F.emit('}');
  popTarget(F, t);
}

/** True when the declared type of `name` admits null. */
function mayBeNull(L: Lowering, name: ts.Node): boolean {
  const t = L.checker.getTypeAtLocation(name);
  return !!(t.flags & ts.TypeFlags.Null) || (t.isUnion() && t.types.some((m) => m.flags & ts.TypeFlags.Null));
}

/** The length of a const FixedArray local: its initialiser's known length, or read once here. */
function constLocalLength(F: FnCtx, c: string, init: ts.Expression): string {
  const n = newFixedLength(F.L, init);
  if (n !== undefined) return `${n}L`;
  const facts = fixedFacts(F, init);
  if (facts) return facts.len;
  const len = F.fresh(`${c}_len`);
  F.emit(`const int64_t ${len} = ${c}->length;`);
  return len;
}

function lowerVarDecls(F: FnCtx, list: ts.VariableDeclarationList): void {
  const flags = list.flags;
  const isUsing = (flags & ts.NodeFlags.Using) !== 0 && (flags & ts.NodeFlags.AwaitUsing) !== ts.NodeFlags.AwaitUsing;
  if ((flags & ts.NodeFlags.AwaitUsing) === ts.NodeFlags.AwaitUsing) unsupported(list, 'await using', 'use `using`: kernel code has no async');
  if (!(flags & (ts.NodeFlags.Let | ts.NodeFlags.Const | ts.NodeFlags.Using))) unsupported(list, "'var'", "use 'let' or 'const'");
  for (const d of list.declarations) {
    if (!ts.isIdentifier(d.name)) unsupported(d.name, 'a destructuring declaration', 'declare one variable per name');
    const sym = F.L.checker.getSymbolAtLocation(d.name)!;
    // Lower a call initialiser first, so a misused intrinsic is reported at the call.
    const early = d.initializer && ts.isCallExpression(d.initializer) ? lowerExpr(F, d.initializer) : undefined;
    const type = F.L.typeAt(d.name, F.subst);
    if (type.k === 'void' || type.k === 'never') errorAt(d, `variable '${d.name.text}' has no storable type`);
    const isConst = (flags & (ts.NodeFlags.Const | ts.NodeFlags.Using)) !== 0;
    let init: string;
    if (d.initializer) {
      const v = early ?? lowerExpr(F, d.initializer, type);
      init = coerce(F, v, type, d.initializer);
    } else init = zeroOf(type);
    const c = F.declareLocal(sym, d.name.text, type, isConst);
    // A number that only ever holds ToInt32 results lives in an int32_t (int32-locals.ts).
    const int32 = type.k === 'num' && holdsOnlyInt32(F.L, d);
    F.emit(`${int32 ? `int32_t ${c}` : cType(type, c)} = ${init};`);
    if (type.k === 'fixed' && isConst && !isUsing && d.initializer && !mayBeNull(F.L, d.name)) F.locals.get(sym)!.fixedLen = constLocalLength(F, c, d.initializer);
    if (isUsing) {
      if (type.k !== 'obj' && type.k !== 'iface' && type.k !== 'null') errorAt(d, '`using` needs an object with a [Symbol.dispose]() method');
      const owned = !!d.initializer && ts.isNewExpression(d.initializer);
      const u: Disposable = { c, type, owned, at: d };
      if (type.k === 'obj' || type.k === 'iface') {
        // A thread that ends inside this scope leaves the record for the scheduler to run.
        u.rec = F.tmp(`cu_${d.name.text}`);
        F.emit(`rt_cleanup ${u.rec} = { NULL, ${cleanupThunk(F, u)}, ${c} };`);
        F.emit(`rt_cleanup_push(&${u.rec});`);
      }
      F.scopes[F.scopes.length - 1]!.usings.push(u);
    }
  }
}

export function zeroOf(t: IrType): string {
  switch (t.k) {
    case 'str':
      return 'RT_STR("")';
    case 'fn':
      return '(rt_closure){0}';
    case 'bool':
      return 'false';
    case 'obj':
    case 'iface':
    case 'fixed':
    case 'null':
      return 'NULL';
    default:
      return '0';
  }
}

/** Leaves the innermost scope: disposes its `using` variables in reverse order (unless control cannot reach here). */
export function closeScope(F: FnCtx): void {
  const s = F.scopes.pop()!;
  const last = F.lines[F.lines.length - 1]?.trim() ?? '';
  if (/^(return\b|break;|continue;|goto )/.test(last)) return;
  for (const u of [...s.usings].reverse()) emitDispose(F, u);
}

export { methodName };
