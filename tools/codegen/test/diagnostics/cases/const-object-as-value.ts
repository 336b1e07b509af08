const Mode = { Off: 0, On: 1 } as const;

interface HasOff {
  readonly Off: number;
}

function offOf(m: HasOff): number {
  return 0;
}

export function main(): number {
  return offOf(Mode); // error@col=16: using the const object 'Mode' as a value
}
