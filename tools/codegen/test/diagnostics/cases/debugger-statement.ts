// compiler bug: the construct is named with ts.SyntaxKind[kind], whose reverse mapping gives the alias 'LastStatement' for a debugger statement
export function main(): void {
  debugger; // error@col=3: debugger
}
