import { panic } from '@unishyper/rt';

export function main(): number {
  try { // error@col=3: try/catch/finally
    panic('x');
  } catch {
    return 1;
  }
}
