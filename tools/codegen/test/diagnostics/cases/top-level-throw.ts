// compiler bug: a top-level `throw` is silently dropped: under Node the module fails to load, natively main runs
export function main(): number {
  return 0;
}

throw new Error('not ready'); // error@col=1: top-level
