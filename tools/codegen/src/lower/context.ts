// Per-function lowering state: locals, scopes (for `using`), loop targets,
// the C lines being written, and captures when the function is a closure.
import path from 'node:path';
import type { ClassInst, IrType } from '../ir.js';
import { posOf, ts } from '../ts-adapter.js';
import { cIdent, cType } from './ctypes.js';
import type { Lowering } from './program.js';
import type { Subst } from './types.js';

export interface Local {
  /** C expression that reads/writes the variable. */
  c: string;
  /** C expression for its address (closures capture by address). */
  addr: string;
  type: IrType;
  isConst: boolean;
  /** For a FixedArray binding that never changes: its length, cached or constant (fixed-facts.ts). */
  fixedLen?: string;
}

export interface Disposable {
  c: string;
  type: IrType;
  owned: boolean; // created by `new` in the using declaration: freed after dispose
  at: ts.Node;
  /** Its clean-up record (rt_cleanup.h), for objects: pushed at the declaration, popped before the dispose. */
  rec?: string;
}

export interface Scope {
  usings: Disposable[];
}

export interface JumpTarget {
  kind: 'loop' | 'switch' | 'block';
  label?: string; // TS label
  brk: string; // C label for break
  cont: string; // C label for continue (loops)
  usedBrk: boolean;
  usedCont: boolean;
  scopeDepth: number;
}

export interface Capture {
  field: string;
  type: IrType;
  outerAddr: string; // address expression in the creating function
  byValue: boolean;
  outerValue: string;
}

/**
 * The #line directive that goes right before a C function definition: its
 * signature, opening brace and prologue belong to the TypeScript declaration
 * (without it they carry on the previous function's last line).
 */
export function lineDirective(node: ts.Node): string {
  const p = posOf(node);
  return `#line ${p.line} "${p.file}"`;
}

export class FnCtx {
  lines: string[] = [];
  indent = 1;
  locals = new Map<ts.Symbol, Local>();
  private used = new Set<string>();
  scopes: Scope[] = [];
  targets: JumpTarget[] = [];
  private tmpN = 0;
  captures = new Map<ts.Symbol | 'this', Capture>();
  lastLine = -1;
  /** Declarations the function body starts with (values read once at entry). */
  entryDecls: string[] = [];

  constructor(
    readonly L: Lowering,
    readonly subst: Subst,
    readonly retType: IrType,
    readonly selfCls: ClassInst | undefined,
    readonly parent?: FnCtx,
    readonly escaping = false,
    readonly selfC = 'self',
  ) {
    for (const n of ['self', 'env_']) this.used.add(n);
  }

  emit(line: string): void {
    this.lines.push('  '.repeat(this.indent) + line);
  }

  /** Emits a #line directive pointing gdb at the TypeScript statement. */
  lineOf(node: ts.Node): void {
    const p = posOf(node);
    if (p.line === this.lastLine) return;
    this.lastLine = p.line;
    this.lines.push(lineDirective(node));
  }

  fresh(base: string): string {
    let n = cIdent(base);
    for (let i = 1; this.used.has(n); i++) n = `${cIdent(base)}_${i}`;
    this.used.add(n);
    return n;
  }

  tmp(prefix = 't'): string {
    return this.fresh(`${prefix}_${++this.tmpN}`);
  }

  declareLocal(sym: ts.Symbol, name: string, type: IrType, isConst: boolean): string {
    const c = this.fresh(name);
    this.locals.set(sym, { c, addr: `&${c}`, type, isConst });
    return c;
  }

  /** Finds a variable, capturing it from enclosing functions when this is a closure. */
  lookup(sym: ts.Symbol): Local | undefined {
    const own = this.locals.get(sym);
    if (own) return own;
    if (!this.parent) return undefined;
    const outer = this.parent.lookup(sym);
    if (!outer) return undefined;
    let cap = this.captures.get(sym);
    if (!cap) {
      const field = cIdent(sym.name) + '_' + this.captures.size;
      cap = { field, type: outer.type, outerAddr: outer.addr, byValue: this.escaping, outerValue: outer.c };
      this.captures.set(sym, cap);
    }
    const c = cap.byValue ? `env_->${cap.field}` : `(*env_->${cap.field})`;
    // A constant length (fixed-facts.ts) holds inside the closure too; a cached one is the outer function's C local.
    const fixedLen = outer.fixedLen && /^\d+L$/.test(outer.fixedLen) ? outer.fixedLen : undefined;
    return { c, addr: cap.byValue ? `&env_->${cap.field}` : `env_->${cap.field}`, type: outer.type, isConst: outer.isConst, fixedLen };
  }

  /** The C expression for `this`. */
  self(): string {
    if (!this.parent) return this.selfC;
    let cap = this.captures.get('this');
    if (!cap) {
      cap = { field: 'this_', type: { k: 'null' }, outerAddr: '', byValue: true, outerValue: this.parent.self() };
      this.captures.set('this', cap);
    }
    return `((${this.thisCls()!.cname} *)env_->this_)`;
  }

  thisCls(): ClassInst | undefined {
    return this.selfCls ?? this.parent?.thisCls();
  }

  fileTag(node: ts.Node): string {
    const f = node.getSourceFile().fileName;
    return `${path.basename(path.dirname(f))}/${path.basename(f)}`;
  }

  loc(node: ts.Node): string {
    return `RT_STR("${this.fileTag(node)}"), ${posOf(node).line}`;
  }

  cDecl(t: IrType, name: string): string {
    return cType(t, name);
  }
}
