function tag(strings: TemplateStringsArray): number {
  return strings.length;
}

export function main(): number {
  return tag`hello`; // error@col=10: a tagged template other than kprint
}
