// Whole-program lowering state: modules, globals, monomorphised functions and
// classes, dispatch functions. Work is demand-driven from the entry's main():
// only what is reached is lowered, which is the dead-code elimination that
// keeps images small.
import path from 'node:path';
import { errorAt, unsupported } from '../diagnostics.js';
import { type ClassInst, type IfaceInst, type IrType, typeKey, typeName, NUM, STR, BOOL } from '../ir.js';
import { posOf, ts } from '../ts-adapter.js';
import { cType, cIdent } from './ctypes.js';
import { irTypeOf, type Subst } from './types.js';
import { lineDirective } from './context.js';
import { lowerFunctionBody, type FnKind } from './function.js';
import { constFold, constValue } from './const-fold.js';

export interface FnInst {
  key: string;
  cname: string;
  decl: ts.FunctionLikeDeclaration;
  subst: Subst;
  cls?: ClassInst;
  kind: FnKind;
  params: IrType[];
  ret: IrType;
}

export interface GlobalInfo {
  cname: string;
  type: IrType;
  /** For module-level readonly tables: element count. */
  tableLength?: number;
}

interface ModuleInfo {
  sf: ts.SourceFile;
  prefix: string;
  initLines: string[];
  isRt: boolean;
}

export interface DispatchSite {
  cname: string;
  /** Static receiver: a class (virtual method) or an interface. */
  recv: { kind: 'class'; cls: ClassInst } | { kind: 'iface'; iface: IfaceInst };
  method: string;
  params: IrType[];
  ret: IrType;
  at: ts.Node;
  /** Index in functionDefs of its emitted definition, replaced when more implementations are reached. */
  defAt?: number;
}

export class Lowering {
  readonly checker: ts.TypeChecker;
  readonly rtDir: string;
  // C output sections, in emission order.
  readonly structDecls: string[] = [];
  readonly structDefs: string[] = [];
  readonly prototypes: string[] = [];
  readonly globalDefs: string[] = [];
  readonly functionDefs: string[] = [];
  /** `using` clean-up functions by "type:owned" (expr.ts cleanupThunk). */
  readonly cleanupThunks = new Map<string, string>();

  private modules = new Map<ts.SourceFile, ModuleInfo>();
  private usedCNames = new Set<string>();
  private fnInsts = new Map<string, FnInst>();
  private worklist: FnInst[] = [];
  readonly classes = new Map<string, ClassInst>();
  private ifaces = new Map<string, IfaceInst>();
  private globals = new Map<ts.Symbol, GlobalInfo>();
  private dispatch = new Map<string, DispatchSite>();
  private closureTypes = new Set<string>();
  private nextCid = 1;
  private lambdaCount = 0;

  constructor(readonly program: ts.Program, rtDir: string) {
    this.checker = program.getTypeChecker();
    this.rtDir = path.resolve(rtDir);
  }

  // ---- names ---------------------------------------------------------------

  uniqueCName(base: string): string {
    let name = cIdent(base);
    for (let i = 1; this.usedCNames.has(name); i++) name = `${cIdent(base)}_${i}`;
    this.usedCNames.add(name);
    return name;
  }

  isRtFile(sf: ts.SourceFile): boolean {
    return path.resolve(sf.fileName).startsWith(this.rtDir + path.sep);
  }

  module(sf: ts.SourceFile): ModuleInfo {
    let m = this.modules.get(sf);
    if (!m) {
      const base = path.basename(sf.fileName).replace(/\.[cm]?tsx?$/, '');
      const dir = path.basename(path.dirname(sf.fileName));
      const isRt = this.isRtFile(sf);
      const prefix = this.uniqueCName(isRt ? `rt_${base}` : base === 'index' || base === 'main' ? `${dir}_${base}` : base);
      m = { sf, prefix, initLines: [], isRt };
      this.modules.set(sf, m);
    }
    return m;
  }

  /** Resolves import aliases to the declaring symbol. */
  resolveSymbol(sym: ts.Symbol | undefined): ts.Symbol | undefined {
    if (sym && sym.flags & ts.SymbolFlags.Alias) return this.checker.getAliasedSymbol(sym);
    return sym;
  }

  /** True when the symbol is the rt intrinsic of that name. */
  isRtSymbol(sym: ts.Symbol | undefined, name?: string): boolean {
    const decl = sym?.declarations?.[0];
    if (!decl || !this.isRtFile(decl.getSourceFile())) return false;
    return name === undefined || sym!.name === name;
  }

  // ---- types ---------------------------------------------------------------

  irType(t: ts.Type, subst: Subst, at: ts.Node): IrType {
    return irTypeOf(this, t, subst, at);
  }

  typeAt(node: ts.Node, subst: Subst): IrType {
    return this.irType(this.checker.getTypeAtLocation(node), subst, node);
  }

  objectType(t: ts.Type, subst: Subst, at: ts.Node): IrType {
    const checker = this.checker;
    const sym = t.getSymbol() ?? t.aliasSymbol;
    const args = (t as ts.TypeReference).target ? checker.getTypeArguments(t as ts.TypeReference) : [];
    if (sym && this.isRtSymbol(sym, 'FixedArray')) {
      return { k: 'fixed', elem: this.irType(args[0]!, subst, at) };
    }
    if (checker.isArrayType(t) || checker.isTupleType(t)) {
      unsupported(at, `the array type '${checker.typeToString(t)}'`, 'use FixedArray<T> or Vec<T> from @unishyper/rt; readonly number tables are allowed only as module-level consts');
    }
    if (sym && sym.flags & ts.SymbolFlags.Class) {
      const decl = sym.declarations?.find(ts.isClassDeclaration);
      if (!decl) errorAt(at, `class '${sym.name}' has no declaration the compiler can see`);
      const n = decl.typeParameters?.length ?? 0;
      const targs = args.slice(0, n).map((a) => this.irType(a, subst, at));
      // The instantiated type (e.g. Box<Item>), when its arguments are concrete: what interface checks compare.
      const concrete = n > 0 && args.slice(0, n).every((a) => (a.flags & ts.TypeFlags.TypeParameter) === 0) ? t : undefined;
      return { k: 'obj', cls: this.classInst(decl, targs, at, concrete) };
    }
    if (sym && sym.flags & ts.SymbolFlags.Interface && sym.name !== 'ReadonlyArray') {
      const decl = sym.declarations?.find(ts.isInterfaceDeclaration);
      const targs = args.map((a) => this.irType(a, subst, at));
      const key = `${sym.name}<${targs.map(typeKey).join(',')}>@${decl?.getSourceFile().fileName}`;
      let iface = this.ifaces.get(key);
      if (!iface) {
        iface = { key, cname: this.uniqueCName(targs.length ? `${sym.name}_${targs.map(typeKey).join('_')}` : sym.name), tsType: t };
        this.ifaces.set(key, iface);
      }
      return { k: 'iface', iface };
    }
    const sigs = t.getCallSignatures();
    if (sigs.length === 1 && t.getProperties().length === 0) {
      const sig = sigs[0]!;
      if (sig.typeParameters?.length) unsupported(at, 'a generic function type', 'use a function type with concrete parameter types');
      const params = sig.getParameters().map((p) => this.irType(checker.getTypeOfSymbolAtLocation(p, at), subst, at));
      const ret = this.irType(sig.getReturnType(), subst, at);
      return { k: 'fn', params, ret };
    }
    unsupported(at, `the object type '${checker.typeToString(t)}'`, 'declare a class (or an interface implemented by classes) instead of an object literal type');
  }

  // ---- classes -------------------------------------------------------------

  classInst(decl: ts.ClassDeclaration, typeArgs: IrType[], at: ts.Node, instType?: ts.Type): ClassInst {
    const name = decl.name?.text ?? 'anon';
    const key = `${name}<${typeArgs.map(typeKey).join(',')}>@${decl.getSourceFile().fileName}:${decl.pos}`;
    const existing = this.classes.get(key);
    if (existing) {
      if (instType && existing.tsType === this.checker.getTypeAtLocation(decl)) existing.tsType = instType;
      return existing;
    }
    const subst: Subst = new Map();
    decl.typeParameters?.forEach((tp, i) => {
      const s = this.checker.getSymbolAtLocation(tp.name);
      if (s && typeArgs[i]) subst.set(s, typeArgs[i]!);
    });
    const cname = this.uniqueCName(typeArgs.length ? `${name}_${typeArgs.map(typeKey).join('_')}` : name);
    // A generic class's own declared type still has its type parameters: interface checks need the instance's.
    const tsType = instType ?? this.checker.getTypeAtLocation(decl);
    const cls: ClassInst = { key, cname, decl, typeArgs, subst, ownFields: [], cid: this.nextCid++, instantiated: false, tsType };
    this.classes.set(key, cls);
    for (const m of decl.members) {
      if (ts.isIndexSignatureDeclaration(m)) unsupported(m, 'an index signature', 'use FixedArray<T> for indexed storage');
      if ((ts.isGetAccessor(m) || ts.isSetAccessor(m))) unsupported(m, 'a getter or setter', 'write an ordinary method');
      if (ts.isClassStaticBlockDeclaration(m)) unsupported(m, 'a static block', 'initialise module-level state in an init function');
    }
    // Base class first, so its fields form the prefix of this struct.
    const ext = decl.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
    if (ext) {
      const baseType = this.checker.getTypeAtLocation(ext.types[0]!);
      const b = this.irType(baseType, subst, ext.types[0]!);
      if (b.k !== 'obj') errorAt(ext, 'a class may extend only another class');
      cls.base = b.cls;
    }
    this.structDecls.push(`typedef struct ${cname} ${cname};`);
    const lines: string[] = [];
    if (cls.base) lines.push(`  ${cls.base.cname} super;`);
    else lines.push('  uint32_t cid; /* class id, for dispatch */');
    const addField = (fname: string, tnode: ts.Node) => {
      const ft = this.typeAt(tnode, subst);
      if (ft.k === 'void' || ft.k === 'never' || ft.k === 'null') errorAt(tnode, `field '${fname}' has no storable type`);
      // `override buf` (or a plain redeclaration) is the base's property in JS: no second slot.
      if (cls.base && this.findField(cls.base, fname)) {
        cls.ownFields.push({ name: fname, type: ft, redeclares: true });
        return;
      }
      cls.ownFields.push({ name: fname, type: ft });
      lines.push(`  ${cType(ft, cIdent(fname))};`);
    };
    for (const m of decl.members) {
      if (ts.isPropertyDeclaration(m) && !hasModifier(m, ts.SyntaxKind.StaticKeyword)) {
        if (!ts.isIdentifier(m.name)) unsupported(m.name, 'a computed or private-name (#) field', 'use a plain identifier, with `private` if needed');
        addField(m.name.text, m.name);
      }
      if (ts.isConstructorDeclaration(m)) {
        for (const p of m.parameters) {
          if (ts.getModifiers(p)?.length && ts.isIdentifier(p.name)) addField(p.name.text, p.name);
        }
      }
    }
    this.structDefs.push(`struct ${cname} {\n${lines.join('\n')}\n};`);
    return cls;
  }

  /** The field's storage (owner class and C type there) and its type as seen from `cls` (a redeclaration may narrow it). */
  findField(cls: ClassInst, name: string): { owner: ClassInst; type: IrType; storage: IrType } | undefined {
    let type: IrType | undefined;
    for (let c: ClassInst | undefined = cls; c; c = c.base) {
      const f = c.ownFields.find((x) => x.name === name);
      if (!f) continue;
      type ??= f.type;
      if (!f.redeclares) return { owner: c, type, storage: f.type };
    }
    return undefined;
  }

  /** C place of field `name` of object `obj` (a `cls` pointer), cast to the class that stores it. */
  fieldPlace(cls: ClassInst, obj: string, name: string): string {
    const f = this.findField(cls, name)!;
    return `${f.owner === cls ? obj : `((${f.owner.cname} *)${obj})`}->${cIdent(name)}`;
  }

  /** The method declaration `name` visible on `cls` (own or inherited) with its class. */
  findMethod(cls: ClassInst, name: string): { owner: ClassInst; decl: ts.MethodDeclaration } | undefined {
    for (let c: ClassInst | undefined = cls; c; c = c.base) {
      const d = c.decl.members.find(
        (m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && !!m.body && methodName(m) === name && !hasModifier(m, ts.SyntaxKind.StaticKeyword),
      );
      if (d) return { owner: c, decl: d };
    }
    return undefined;
  }

  isSubclassOf(c: ClassInst, base: ClassInst): boolean {
    for (let x: ClassInst | undefined = c; x; x = x.base) if (x === base) return true;
    return false;
  }

  markInstantiated(cls: ClassInst): void {
    cls.instantiated = true;
  }

  // ---- functions -----------------------------------------------------------

  fnInst(decl: ts.FunctionLikeDeclaration, subst: Subst, kind: FnKind, at: ts.Node, cls?: ClassInst, baseName?: string): FnInst {
    const typeParams = decl.typeParameters ?? [];
    const targs = typeParams.map((tp) => {
      const s = this.checker.getSymbolAtLocation(tp.name);
      const t = s && subst.get(s);
      if (!t) errorAt(at, `cannot infer type parameter '${tp.name.text}' here; pass explicit type arguments`);
      return t;
    });
    const key = `${kind}:${decl.getSourceFile().fileName}:${decl.pos}:${cls?.key ?? ''}<${targs.map(typeKey).join(',')}>`;
    let inst = this.fnInsts.get(key);
    if (inst) return inst;
    const sf = decl.getSourceFile();
    if (isNodeOnly(sf)) errorAt(at, `'${decl.name?.getText() ?? 'this function'}' is in a Node-only module (${path.basename(sf.fileName)} is marked @node-only) and cannot be part of an image`);
    const mod = this.module(sf);
    let name = baseName ?? (decl.name && ts.isIdentifier(decl.name) ? decl.name.text : 'fn');
    if (targs.length) name += '_' + targs.map(typeKey).join('_');
    const link = linkageTag(decl);
    if (link && (targs.length || cls)) errorAt(decl, `@${link.kind} applies to non-generic module-level functions`);
    const cname = link ? link.symbol : this.uniqueCName(cls ? `${cls.cname}_${name}` : `${mod.prefix}_${name}`);
    if (link) this.usedCNames.add(link.symbol);
    // Signature under this substitution.
    const fullSubst = new Map(cls?.subst ?? []);
    for (const [k, v] of subst) fullSubst.set(k, v);
    if (ts.getCombinedModifierFlags(decl as ts.Declaration) & ts.ModifierFlags.Async) unsupported(decl, 'an async function', 'kernel code has no async: block the thread, or drive a state machine from interrupts');
    if ('asteriskToken' in decl && decl.asteriskToken) unsupported(decl, 'a generator function', 'keep the iteration state in an object with a next() method');
    const params = (kind === 'ctor' && !ts.isConstructorDeclaration(decl) ? [] : decl.parameters).map((p) => {
      if (p.initializer || p.questionToken) unsupported(p, 'an optional or default parameter', 'pass every argument explicitly');
      if (p.dotDotDotToken) unsupported(p, 'a rest parameter', 'pass a FixedArray or separate arguments');
      if (!ts.isIdentifier(p.name)) unsupported(p, 'a destructuring parameter', 'take the object and read its fields');
      return this.typeAt(p.name, fullSubst);
    });
    let ret: IrType;
    if (kind === 'ctor') ret = { k: 'void' };
    else {
      const sig = this.checker.getSignatureFromDeclaration(decl);
      if (!sig) errorAt(decl, 'cannot resolve this function signature');
      ret = this.irType(sig.getReturnType(), fullSubst, decl);
    }
    inst = { key, cname, decl, subst: fullSubst, cls, kind, params, ret };
    this.fnInsts.set(key, inst);
    if (link?.kind === 'native') {
      // Implemented outside the dialect (assembly or C); under Node the body runs instead.
      const ps = params.map((p, i) => cType(p, `a${i}`)).join(', ') || 'void';
      this.prototypes.push(`extern ${ret.k === 'never' ? '_Noreturn ' : ''}${cType(ret, cname)}(${ps});`);
      return inst;
    }
    if (link?.kind === 'export') this.exported.push(inst);
    this.worklist.push(inst);
    return inst;
  }

  /** Type arguments of a call to a generic function/method, as a substitution. */
  callSubst(call: ts.CallExpression | ts.NewExpression, decl: ts.SignatureDeclaration, outer: Subst): Subst {
    const subst: Subst = new Map();
    const tps = decl.typeParameters;
    if (!tps?.length) return subst;
    const sig = this.checker.getResolvedSignature(call);
    const targs = sig && this.checker.getTypeArgumentsForResolvedSignature(sig);
    tps.forEach((tp, i) => {
      const s = this.checker.getSymbolAtLocation(tp.name);
      const t = targs?.[i];
      if (s && t) subst.set(s, this.irType(t, outer, call));
    });
    return subst;
  }

  lambdaName(): string {
    return this.uniqueCName(`lambda_${++this.lambdaCount}`);
  }

  // ---- globals -------------------------------------------------------------

  global(sym: ts.Symbol, decl: ts.VariableDeclaration, at: ts.Node): GlobalInfo {
    let g = this.globals.get(sym);
    if (g) return g;
    if (ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Ambient)
      unsupported(at, `the ambient declaration 'declare ${decl.name.getText()}'`, 'declare module state with a value (let x = 0), or read hardware state with an intrinsic');
    const sf = decl.getSourceFile();
    const mod = this.module(sf);
    const name = ts.isIdentifier(decl.name) ? decl.name.text : 'g';
    const cname = this.uniqueCName(`${mod.prefix}_${name}`);
    const declType = this.checker.getTypeAtLocation(decl.name);
    const isConst = (ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) !== 0;
    if (this.checker.isArrayType(declType)) {
      g = this.constTable(decl, cname, declType, isConst);
      this.globals.set(sym, g);
      return g;
    }
    const type = this.irType(declType, new Map(), decl.name);
    g = { cname, type };
    this.globals.set(sym, g);
    const folded = decl.initializer ? constFold(this, decl.initializer) : undefined;
    if (decl.initializer === undefined) {
      this.globalDefs.push(`static ${cType(type, cname)};`);
    } else if (folded !== undefined && (type.k === 'num' || type.k === 'int' || type.k === 'bool' || type.k === 'big')) {
      this.globalDefs.push(`static ${isConst ? 'const ' : ''}${cType(type, cname)} = ${folded};`);
    } else if (decl.initializer.kind === ts.SyntaxKind.StringLiteral || decl.initializer.kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral) {
      this.globalDefs.push(`static ${cType(STR, cname)} = RT_STR(${cStringLiteral((decl.initializer as ts.StringLiteral).text)});`);
    } else if (decl.initializer.kind === ts.SyntaxKind.NullKeyword) {
      this.globalDefs.push(`static ${cType(type, cname)};`);
    } else {
      this.globalDefs.push(`static ${cType(type, cname)};`);
      const c = lowerFunctionBody(this, { kind: 'init', expr: decl.initializer, target: cname, targetType: type, mod: sf });
      mod.initLines.push(`#line ${posOf(decl).line} "${sf.fileName}"`, c);
    }
    return g;
  }

  private constTable(decl: ts.VariableDeclaration, cname: string, declType: ts.Type, isConst: boolean): GlobalInfo {
    const elemTs = this.checker.getTypeArguments(declType as ts.TypeReference)[0]!;
    const elem = this.irType(elemTs, new Map(), decl.name);
    const ro = declType.getSymbol()?.name === 'ReadonlyArray';
    if (!isConst || !ro) unsupported(decl, 'a mutable JS array', 'declare a module-level `const NAME: readonly number[] = [...]` table, or use FixedArray<T>/Vec<T>');
    if (!decl.initializer || !ts.isArrayLiteralExpression(decl.initializer)) errorAt(decl, 'a readonly table needs an array literal initialiser');
    if (elem.k !== 'num' && elem.k !== 'int' && elem.k !== 'bool')
      unsupported(decl, `a table of ${typeName(elem)}`, 'tables hold numbers, fixed-width integers or booleans');
    const values = decl.initializer.elements.map((e) => {
      const v = constFold(this, e);
      if (v === undefined) errorAt(e, 'table elements must be constant expressions (literals and operators on them)');
      return v;
    });
    const body = values.length ? values.join(', ') : '0';
    // A number table is stored in the narrowest of int32/uint32/int64 that holds every
    // element (reads widen exactly), so .rodata stays small.
    let storage = cType(elem, '');
    if (elem.k === 'num') {
      const nums = decl.initializer.elements.map((e) => constValue(this, e) as bigint);
      if (nums.every((v) => v >= -(2n ** 31n) && v < 2n ** 31n)) storage = 'int32_t';
      else if (nums.every((v) => v >= 0n && v < 2n ** 32n)) storage = 'uint32_t';
    }
    this.globalDefs.push(`static const ${storage} ${cname}[${Math.max(values.length, 1)}] = { ${body} };`);
    return { cname, type: { k: 'table', elem }, tableLength: values.length };
  }

  /** Eagerly lowers every module-level variable of user modules (their initialisers run in JS too). */
  lowerModuleGlobals(sf: ts.SourceFile): void {
    if (this.isRtFile(sf) || isNodeOnly(sf)) return;
    this.module(sf);
    for (const st of sf.statements) {
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          if (!ts.isIdentifier(d.name)) unsupported(d, 'a destructuring declaration', 'declare one variable per name');
          const sym = this.checker.getSymbolAtLocation(d.name)!;
          if (isEnumLikeConst(this.checker, d)) continue;
          this.global(sym, d, d);
        }
      } else if (ts.isEnumDeclaration(st)) {
        unsupported(st, "TypeScript 'enum'", 'use `const E = { A: 0, B: 1 } as const`');
      } else if (ts.isExpressionStatement(st)) {
        if (!ts.isStringLiteral(st.expression) /* 'use strict' */)
          unsupported(st, 'a top-level statement with effects', 'move it into main() or an init function that main() calls');
      } else if (
        !ts.isImportDeclaration(st) && !ts.isExportDeclaration(st) && !ts.isFunctionDeclaration(st) && !ts.isClassDeclaration(st) &&
        !ts.isInterfaceDeclaration(st) && !ts.isTypeAliasDeclaration(st) && !ts.isEmptyStatement(st) && !ts.isImportEqualsDeclaration(st)
      ) {
        unsupported(st, 'top-level control flow or statements', 'move it into a function');
      }
    }
  }

  // ---- dispatch ------------------------------------------------------------

  dispatchFn(recv: DispatchSite['recv'], method: string, params: IrType[], ret: IrType, at: ts.Node): string {
    const rk = recv.kind === 'class' ? recv.cls.cname : recv.iface.cname;
    const key = `${rk}.${method}`;
    let d = this.dispatch.get(key);
    if (!d) {
      d = { cname: this.uniqueCName(`${rk}_${method}__dispatch`), recv, method, params, ret, at };
      this.dispatch.set(key, d);
      const ps = ['void *self', ...params.map((p, i) => cType(p, `a${i}`))].join(', ');
      this.prototypes.push(`static ${cType(ret, d.cname)}(${ps});`);
    }
    return d.cname;
  }

  private implementationsOf(d: DispatchSite): ClassInst[] {
    const out: ClassInst[] = [];
    for (const c of this.classes.values()) {
      if (!c.instantiated) continue;
      if (d.recv.kind === 'class') {
        if (this.isSubclassOf(c, d.recv.cls)) out.push(c);
      } else if (this.checker.isTypeAssignableTo(c.tsType, d.recv.iface.tsType) || implementsByName(c, d.recv.iface)) {
        out.push(c);
      }
    }
    return out;
  }

  /** Emits the dispatch functions; may reach new methods, so runs to a fixpoint with the worklist. */
  private emitDispatch(done: Set<string>): boolean {
    let progressed = false;
    for (const d of this.dispatch.values()) {
      const impls = this.implementationsOf(d);
      const sig = impls.map((c) => c.cid).join(',');
      if (done.has(`${d.cname}:${sig}`)) continue;
      done.add(`${d.cname}:${sig}`);
      progressed = true;
      const ps = ['void *self', ...d.params.map((p, i) => cType(p, `a${i}`))].join(', ');
      const args = d.params.map((_, i) => `a${i}`).join(', ');
      const cases: string[] = [];
      for (const c of impls) {
        const m = this.findMethod(c, d.method);
        if (!m) errorAt(d.at, `class '${c.cname}' has no method '${d.method}' with a body`);
        const f = this.fnInst(m.decl, new Map(), 'method', d.at, m.owner);
        const call = `${f.cname}((${m.owner.cname} *)self${args ? ', ' + args : ''})`;
        cases.push(d.ret.k === 'void' ? `  case ${c.cid}: ${call}; return;` : `  case ${c.cid}: return ${call};`);
      }
      let body: string;
      if (impls.length === 1) {
        body = cases[0]!.replace(/^ {2}case \d+: /, '  ');
      } else {
        body = `  switch (((const uint32_t *)self)[0]) {\n${cases.join('\n')}\n  default: rt_panic(RT_STR("no implementation of '${d.method}' for this object"), RT_STR("${path.basename(d.at.getSourceFile().fileName)}"), ${posOf(d.at).line});\n  }`;
      }
      const key = `/* dispatch of ${d.method} on ${d.recv.kind === 'class' ? d.recv.cls.cname : d.recv.iface.cname}: ${impls.length} implementation(s) */`;
      // Its lines are the call site that first needed it (there may be several implementations).
      const def = `${key}\n${lineDirective(d.at)}\nstatic inline ${cType(d.ret, d.cname)}(${ps}) {\n${lineDirective(d.at)}\n${body}\n}`;
      // Classes instantiated later (lowering runs to a fixpoint) replace the earlier definition.
      if (d.defAt === undefined) d.defAt = this.functionDefs.push(def) - 1;
      else this.functionDefs[d.defAt] = def;
    }
    return progressed;
  }

  closureType(t: IrType & { k: 'fn' }): string {
    const name = `rt_fnptr_${typeKey(t)}`;
    if (!this.closureTypes.has(name)) {
      this.closureTypes.add(name);
      const ps = ['void *env', ...t.params.map((p) => cType(p, ''))].join(', ');
      this.structDefs.push(`typedef ${cType(t.ret, `(*${name})`)}(${ps});`);
    }
    return name;
  }

  // ---- driver --------------------------------------------------------------

  /** Lowers everything reachable from the entry's `main`; returns the C translation unit parts. */
  /** Keeps an exported function of the entry (non-generic) under a stable C name; returns it. */
  exportFunction(entry: ts.SourceFile, name: string): string {
    const sym = this.checker.getSymbolAtLocation(entry)?.exports?.get(name as ts.__String);
    const decl = this.resolveSymbol(sym)?.declarations?.find(ts.isFunctionDeclaration);
    if (!decl) errorAt(entry, `the entry module has no exported function '${name}'`);
    const f = this.fnInst(decl, new Map(), 'function', decl);
    this.exported.push(f);
    return f.cname;
  }

  readonly exported: FnInst[] = [];

  run(entry: ts.SourceFile, needMain = true): { mainCName: string; mainRet: IrType; inits: string[] } {
    const mainSym = this.checker.getSymbolAtLocation(entry)?.exports?.get('main' as ts.__String);
    const mainDecl = mainSym?.declarations?.find(ts.isFunctionDeclaration);
    if (!mainDecl && needMain) errorAt(entry, 'the entry module must export `function main(): void` (or `: number` for an exit status)');
    // Every user module reachable by imports: its globals exist as in JS.
    const order = moduleOrder(this, entry);
    for (const sf of order) this.lowerModuleGlobals(sf);
    // In an image, functions that assembly or C calls by name (`@export sym`) are roots too;
    // a program with a main() (Linux user mode tests) keeps only what main reaches.
    for (const sf of needMain ? [] : order) {
      for (const st of sf.statements) {
        if (ts.isFunctionDeclaration(st) && st.body && linkageTag(st)?.kind === 'export') this.fnInst(st, new Map(), 'function', st);
      }
    }
    const main = mainDecl ? this.fnInst(mainDecl, new Map(), 'function', mainDecl) : undefined;
    if (main && main.params.length) errorAt(mainDecl!, 'main() takes no parameters');
    if (main && main.ret.k !== 'void' && main.ret.k !== 'num') errorAt(mainDecl!, 'main() returns void or a number (the exit status)');
    const doneDispatch = new Set<string>();
    for (;;) {
      while (this.worklist.length) {
        const f = this.worklist.shift()!;
        const proto = lowerFunctionBody(this, { kind: 'fn', inst: f });
        void proto;
      }
      if (!this.emitDispatch(doneDispatch)) break;
    }
    const inits: string[] = [];
    for (const sf of order) {
      const m = this.modules.get(sf);
      if (m?.initLines.length) inits.push(...m.initLines);
    }
    // rt modules referenced lazily may also have initialisers.
    for (const m of this.modules.values()) if (m.isRt && m.initLines.length) inits.unshift(...m.initLines);
    return { mainCName: main?.cname ?? '', mainRet: main?.ret ?? { k: 'void' }, inits };
  }
}

/** A module whose leading comment says `@node-only` holds test/simulation code: never lowered. */
export function isNodeOnly(sf: ts.SourceFile): boolean {
  const head = sf.text.slice(0, 400);
  return /^\s*\/\/[^\n]*@node-only|^\s*\/\*[\s\S]*?@node-only/.test(head);
}

/** `@native sym` (implemented in assembly/C as `sym`) or `@export sym` (callable from assembly/C as `sym`). */
export function linkageTag(decl: ts.Node): { kind: 'native' | 'export'; symbol: string } | undefined {
  for (const tag of ts.getJSDocTags(decl)) {
    const kind = tag.tagName.text;
    if (kind !== 'native' && kind !== 'export') continue;
    const text = typeof tag.comment === 'string' ? tag.comment.trim() : (tag.comment ?? []).map((c) => c.text).join('').trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) errorAt(tag, `@${kind} needs a C symbol name, e.g. /** @${kind} hal_entry */`);
    return { kind, symbol: text };
  }
  return undefined;
}

export function hasModifier(n: ts.Node, kind: ts.SyntaxKind): boolean {
  return !!ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === kind);
}

export function methodName(m: ts.MethodDeclaration): string {
  if (ts.isIdentifier(m.name)) return m.name.text;
  if (ts.isComputedPropertyName(m.name) && ts.isPropertyAccessExpression(m.name.expression)) {
    const e = m.name.expression;
    if (ts.isIdentifier(e.expression) && e.expression.text === 'Symbol' && e.name.text === 'dispose') return '__dispose';
  }
  unsupported(m.name, 'this method name', 'use a plain identifier (or [Symbol.dispose])');
}

function implementsByName(c: ClassInst, iface: IfaceInst): boolean {
  const name = iface.tsType.getSymbol()?.name;
  for (let x: ClassInst | undefined = c; x; x = x.base) {
    const impl = x.decl.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ImplementsKeyword);
    if (impl?.types.some((t) => t.expression.getText() === name)) return true;
  }
  return false;
}

export function isEnumLikeConst(checker: ts.TypeChecker, d: ts.VariableDeclaration): boolean {
  const init = d.initializer;
  if (!init) return false;
  const inner = ts.isAsExpression(init) || ts.isSatisfiesExpression(init) ? init.expression : init;
  return ts.isObjectLiteralExpression(inner) && (ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const) !== 0;
}

/** Modules in JS evaluation order: imports first (depth-first), then the importer. */
function moduleOrder(L: Lowering, entry: ts.SourceFile): ts.SourceFile[] {
  const seen = new Set<ts.SourceFile>();
  const out: ts.SourceFile[] = [];
  const visit = (sf: ts.SourceFile) => {
    if (seen.has(sf)) return;
    seen.add(sf);
    for (const st of sf.statements) {
      if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier) {
        const msym = L.checker.getSymbolAtLocation(st.moduleSpecifier);
        const target = msym?.declarations?.[0]?.getSourceFile();
        if (target && !target.isDeclarationFile) visit(target);
      }
    }
    out.push(sf);
  };
  visit(entry);
  return out;
}

export function cStringLiteral(s: string): string {
  const bytes = Buffer.from(s, 'utf8');
  let out = '"';
  for (const b of bytes) {
    if (b === 0x22) out += '\\"';
    else if (b === 0x5c) out += '\\\\';
    else if (b === 0x0a) out += '\\n';
    else if (b >= 0x20 && b < 0x7f && b !== 0x3f /* ? avoids trigraphs */) out += String.fromCharCode(b);
    else out += '\\' + b.toString(8).padStart(3, '0');
  }
  return out + '"';
}

export { NUM, BOOL };
