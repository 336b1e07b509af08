declare let hostTicks: number; // error@col=13: ambient declaration

export function main(): number {
  return hostTicks;
}
