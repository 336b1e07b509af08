import { kprint } from '@unishyper/rt';

function say(s: TemplateStringsArray): void {
  kprint(s); // error-at@col=3: kprint is a tagged template
}

export function main(): void {
  say(null!);
}
