import { kprint } from '@unishyper/rt';

kprint`starting\n`; // error@col=1: a top-level statement with effects

export function main(): void {}
