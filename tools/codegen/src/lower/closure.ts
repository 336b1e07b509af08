// Closures: an arrow function becomes a C function taking an environment
// pointer. A closure passed straight to a call (non-escaping) captures the
// caller's variables by address in a stack environment; any other closure
// escapes, so its environment is copied to the heap and it may capture only
// bindings that are never reassigned (the new owner — e.g. a spawned thread —
// owns that environment).
import { errorAt, unsupported } from '../diagnostics.js';
import type { IrType } from '../ir.js';
import { ts } from '../ts-adapter.js';
import { FnCtx, lineDirective } from './context.js';
import { cType } from './ctypes.js';
import { coerce, lowerArgs, lowerExpr, type Val } from './expr.js';
import { closeScope, lowerStatement } from './function.js';

export function lowerClosure(F: FnCtx, e: ts.ArrowFunction | ts.FunctionExpression, expected?: IrType): Val {
  const L = F.L;
  if (ts.isFunctionExpression(e)) unsupported(e, 'a function expression', 'use an arrow function');
  if (e.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) unsupported(e, 'an async arrow function', 'kernel code has no async');
  let t = L.typeAt(e, F.subst);
  if (expected?.k === 'fn') t = expected;
  if (t.k !== 'fn') errorAt(e, 'cannot type this closure');
  const escaping = !isNonEscapingArgument(L, e);
  const name = L.lambdaName();
  const C = new FnCtx(L, F.subst, t.ret, undefined, F, escaping);
  const params: string[] = ['void *env_raw'];
  e.parameters.forEach((p, i) => {
    if (!ts.isIdentifier(p.name) || p.initializer || p.dotDotDotToken) unsupported(p, 'this closure parameter form', 'use plain parameters');
    const sym = L.checker.getSymbolAtLocation(p.name)!;
    const pt = t.params[i] ?? L.typeAt(p.name, F.subst);
    params.push(cType(pt, C.declareLocal(sym, p.name.text, pt, false)));
  });
  C.scopes.push({ usings: [] });
  if (ts.isBlock(e.body)) for (const st of e.body.statements) lowerStatement(C, st);
  else {
    C.lineOf(e.body);
    const v = lowerExpr(C, e.body);
    C.emit(t.ret.k === 'void' ? `${v.c};` : `return ${coerce(C, v, t.ret, e.body)};`);
  }
  closeScope(C);
  const envT = `${name}_env`;
  const caps = [...C.captures.entries()];
  const fields = caps.map(([k, c]) => (k === 'this' ? `  void *this_;` : c.byValue ? `  ${cType(c.type, c.field)};` : `  ${cType(c.type, `*${c.field}`)};`));
  if (escaping) {
    for (const [k] of caps) {
      if (k === 'this') continue;
      if (!isNeverReassigned(L, k)) errorAt(e, `closure that outlives its creator captures '${k.name}', which is reassigned; capture a const copy instead`);
    }
  }
  const envDef = caps.length ? `typedef struct ${envT} {\n${fields.join('\n')}\n} ${envT};\n` : '';
  const head = caps.length ? `  ${envT} *env_ = (${envT} *)env_raw;\n` : '  (void)env_raw;\n';
  // `inline`: once the call through the closure becomes a direct call (the
  // function that takes it inlined, see inlineForClosures), gcc may inline the
  // arrow's body with the limits of an inline function, as C callbacks are.
  L.functionDefs.push(`${envDef}${lineDirective(e)}\nstatic inline ${cType(t.ret, name)}(${params.join(', ')}) {\n${head}${C.lines.join('\n')}\n}`);
  L.prototypes.push(`static inline ${cType(t.ret, name)}(${params.join(', ')});`);
  if (!caps.length) return { t, c: `((rt_closure){ (void *)${name}, NULL })` };
  const inits = caps.map(([k, c]) => (k === 'this' ? `.this_ = ${c.outerValue}` : c.byValue ? `.${c.field} = ${c.outerValue}` : `.${c.field} = ${c.outerAddr}`)).join(', ');
  if (!escaping) return { t, c: `((rt_closure){ (void *)${name}, &(${envT}){ ${inits} } })` };
  const tmp = F.tmp('env');
  return {
    t,
    c: `({ ${envT} *${tmp} = (${envT} *)rt_alloc(sizeof(${envT}), _Alignof(${envT})); *${tmp} = (${envT}){ ${inits} }; (rt_closure){ (void *)${name}, ${tmp} }; })`,
  };
}

/**
 * An arrow function passed straight to a call whose parameter is only ever
 * called inside the callee cannot outlive the call: its environment may live
 * on the caller's stack and capture by address.
 */
function isNonEscapingArgument(L: FnCtx['L'], e: ts.ArrowFunction): boolean {
  const call = e.parent;
  if (!ts.isCallExpression(call) && !ts.isNewExpression(call)) return false;
  return argumentStaysInCall(L, call, call.arguments?.indexOf(e) ?? -1, new Set());
}

/** True when the callee only ever calls its parameter `idx` (or hands it on to callees that do). */
function argumentStaysInCall(L: FnCtx['L'], call: ts.CallExpression | ts.NewExpression, idx: number, visiting: Set<ts.Node>): boolean {
  const decl = L.checker.getResolvedSignature(call)?.getDeclaration();
  if (!decl || !ts.isFunctionLike(decl) || !('body' in decl) || !decl.body) return false;
  const param = decl.parameters[idx];
  if (!param || !ts.isIdentifier(param.name)) return false;
  if (ts.getModifiers(param)?.length) return false; // a parameter property stores it
  if (visiting.has(param)) return true; // recursion: assume the best, the other uses decide
  visiting.add(param);
  const sym = L.checker.getSymbolAtLocation(param.name);
  let stays = true;
  const visit = (n: ts.Node): void => {
    if (!stays) return;
    if (ts.isIdentifier(n) && n !== param.name && L.checker.getSymbolAtLocation(n) === sym) {
      const parent = n.parent;
      if (ts.isCallExpression(parent) && parent.expression === n) return;
      if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(n as ts.Expression)) {
        if (argumentStaysInCall(L, parent, parent.arguments.indexOf(n as ts.Expression), visiting)) return;
      }
      stays = false;
    }
    ts.forEachChild(n, visit);
  };
  visit(decl.body);
  return stays;
}

export function isNeverReassigned(L: FnCtx['L'], sym: ts.Symbol): boolean {
  const decl = sym.valueDeclaration;
  if (!decl) return false;
  if (ts.isVariableDeclaration(decl) && ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) return true;
  // A parameter or let: look for writes in its enclosing function.
  let scope: ts.Node = decl;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  if (ts.isParameter(decl)) scope = decl.parent;
  let written = false;
  const visit = (n: ts.Node): void => {
    if (written) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(n.left) && L.checker.getSymbolAtLocation(n.left) === sym) written = true;
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && ts.isIdentifier(n.operand) && L.checker.getSymbolAtLocation(n.operand) === sym && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) written = true;
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return !written;
}

export function callClosure(F: FnCtx, fn: Val, e: ts.CallExpression): Val {
  const t = fn.t as IrType & { k: 'fn' };
  const ptr = F.L.closureType(t);
  const { pre, args } = lowerArgs(F, e.arguments, t.params.slice(0, e.arguments.length), e);
  const c = F.tmp('cl');
  return { t: t.ret, c: `({ ${pre}rt_closure ${c} = ${fn.c}; ((${ptr})${c}.fn)(${[`${c}.env`, ...args].join(', ')}); })` };
}
