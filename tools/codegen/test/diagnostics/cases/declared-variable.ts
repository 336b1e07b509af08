// compiler bug: a `declare let` (an ambient variable, defined nowhere) is accepted and lowered as a zero-initialised C global; calling a declared-only function is rejected, reading a declared-only variable should be too
declare let hostTicks: number;

export function main(): number {
  return hostTicks; // error-at@col=10: hostTicks
}
