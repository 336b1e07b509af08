/**
 * Vec, StrBuf and Pool are compiled natively, so they must stay inside the
 * kernel dialect. This test walks their syntax trees (with types, to catch
 * string concatenation and `.length` on strings) and names any construct the
 * dialect does not have.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const FILES = ['vec.ts', 'strbuf.ts', 'pool.ts'].map((f) => fileURLToPath(new URL(f, import.meta.url)));

const FORBIDDEN_NAMES = new Set([
  'undefined', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Object', 'Math', 'JSON', 'Array', 'Promise',
  'String', 'Number', 'Boolean', 'BigInt', 'Reflect', 'Proxy', 'eval', 'arguments',
]);

const FORBIDDEN_OPERATORS = new Map<ts.SyntaxKind, string>([
  [ts.SyntaxKind.SlashToken, '/'],
  [ts.SyntaxKind.SlashEqualsToken, '/='],
  [ts.SyntaxKind.EqualsEqualsToken, '=='],
  [ts.SyntaxKind.ExclamationEqualsToken, '!='],
  [ts.SyntaxKind.QuestionQuestionToken, '??'],
  [ts.SyntaxKind.InKeyword, 'in'],
  [ts.SyntaxKind.InstanceOfKeyword, 'instanceof'],
  [ts.SyntaxKind.AsteriskAsteriskToken, '**'],
]);

function violations(program: ts.Program, file: ts.SourceFile): string[] {
  const checker = program.getTypeChecker();
  const out: string[] = [];
  const isString = (e: ts.Expression) => (checker.getTypeAtLocation(e).flags & ts.TypeFlags.StringLike) !== 0;
  const report = (node: ts.Node, what: string) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    out.push(`${file.fileName.split('/').pop()}:${line + 1}: ${what}`);
  };

  const visit = (node: ts.Node): void => {
    switch (node.kind) {
      case ts.SyntaxKind.ArrayLiteralExpression:
        report(node, 'array literal');
        break;
      case ts.SyntaxKind.ObjectLiteralExpression:
        report(node, 'object literal');
        break;
      case ts.SyntaxKind.TemplateExpression:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        if (!(ts.isTaggedTemplateExpression(node.parent) && node.parent.tag.getText(file) === 'kprint')) {
          report(node, 'template literal');
        }
        break;
      case ts.SyntaxKind.SpreadElement:
      case ts.SyntaxKind.SpreadAssignment:
        report(node, 'spread');
        break;
      case ts.SyntaxKind.ObjectBindingPattern:
      case ts.SyntaxKind.ArrayBindingPattern:
        report(node, 'destructuring');
        break;
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
        report(node, node.getText(file));
        break;
      case ts.SyntaxKind.GetAccessor:
      case ts.SyntaxKind.SetAccessor:
        report(node, 'getter/setter');
        break;
      case ts.SyntaxKind.AsyncKeyword:
      case ts.SyntaxKind.AwaitExpression:
        report(node, 'async');
        break;
      case ts.SyntaxKind.TryStatement:
        report(node, 'try');
        break;
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement:
        report(node, 'for-of/for-in');
        break;
      case ts.SyntaxKind.TypeOfExpression:
      case ts.SyntaxKind.DeleteExpression:
      case ts.SyntaxKind.VoidExpression:
        report(node, 'typeof/delete/void');
        break;
      case ts.SyntaxKind.ThrowStatement: {
        const e = (node as ts.ThrowStatement).expression;
        if (!(ts.isNewExpression(e) && e.expression.getText(file) === 'Error')) report(node, 'throw of something other than new Error');
        break;
      }
      case ts.SyntaxKind.Identifier:
        if (FORBIDDEN_NAMES.has((node as ts.Identifier).text) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
          report(node, (node as ts.Identifier).text);
        }
        break;
      case ts.SyntaxKind.Parameter: {
        const p = node as ts.ParameterDeclaration;
        if (p.initializer) report(node, 'default parameter');
        if (p.questionToken) report(node, 'optional parameter');
        if (p.dotDotDotToken) report(node, 'rest parameter');
        break;
      }
      case ts.SyntaxKind.PropertyDeclaration:
        if ((node as ts.PropertyDeclaration).questionToken) report(node, 'optional field');
        break;
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.FunctionExpression:
        if (!ts.isCallExpression(node.parent) && !ts.isNewExpression(node.parent)) report(node, 'escaping function');
        break;
      case ts.SyntaxKind.PropertyAccessExpression: {
        const pa = node as ts.PropertyAccessExpression;
        if (pa.questionDotToken) report(node, 'optional chaining');
        if (pa.name.text === 'length' && isString(pa.expression)) report(node, '.length on a string');
        break;
      }
      case ts.SyntaxKind.ElementAccessExpression:
        report(node, 'element access');
        break;
      case ts.SyntaxKind.CallExpression:
        if ((node as ts.CallExpression).questionDotToken) report(node, 'optional call');
        break;
      case ts.SyntaxKind.BinaryExpression: {
        const b = node as ts.BinaryExpression;
        const op = FORBIDDEN_OPERATORS.get(b.operatorToken.kind);
        if (op) report(node, `operator ${op}`);
        const plus = b.operatorToken.kind === ts.SyntaxKind.PlusToken || b.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken;
        if (plus && (isString(b.left) || isString(b.right))) report(node, 'string concatenation');
        break;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

describe('the dialect library', () => {
  const program = ts.createProgram(FILES, {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    types: [],
  });

  it.each(FILES.map((f) => [f.split('/').pop()!, f]))('%s stays inside the kernel dialect', (_name, path) => {
    const file = program.getSourceFile(path)!;
    expect(file).toBeDefined();
    expect(violations(program, file)).toEqual([]);
  });

  it('catches what it is meant to catch', () => {
    const src = [
      'const xs = [1, 2];',
      'function f(a: number, b = 2, c?: number): number { return a / b; }',
      'const s = "a" + 1;',
      'const n = "abc".length;',
      'let u: any = undefined;',
      'const o = { a: 1 };',
      'const g = () => 1;',
      'const t = `x${1}`;',
      'const m = Math.max(1, 2);',
      'const q = o?.a;',
    ].join('\n');
    const host = ts.createCompilerHost({});
    const orig = host.getSourceFile;
    host.getSourceFile = (name, lang) =>
      name === 'probe.ts' ? ts.createSourceFile(name, src, lang, true) : orig.call(host, name, lang);
    const p = ts.createProgram(['probe.ts'], { noEmit: true, types: [] }, host);
    const found = violations(p, p.getSourceFile('probe.ts')!).map((v) => v.replace(/^probe\.ts:\d+: /, ''));
    for (const what of [
      'array literal', 'default parameter', 'optional parameter', 'operator /', 'string concatenation',
      '.length on a string', 'any', 'undefined', 'object literal', 'escaping function', 'template literal',
      'Math', 'optional chaining',
    ]) {
      expect(found).toContain(what);
    }
  });
});
