// A parameter property (`constructor(readonly n: number)`) is both a field
// and a parameter: inside the constructor body its plain name is the
// parameter's value, before and after the field is set, as in JS.
import { FixedArray, kprint } from '@unishyper/rt';

class Box {
  readonly items: FixedArray<number>;
  readonly twice: number;
  constructor(
    readonly n: number,
    private label: number,
  ) {
    this.items = new FixedArray<number>(n, label);
    this.twice = n * 2 + this.n;
    label = label + 1; // the parameter changes; the field keeps what it got
  }

  describe(): void {
    kprint`n ${this.n} items ${this.items.length} first ${this.items.get(0)} twice ${this.twice} label ${this.label}\n`;
  }
}

export function main(): void {
  new Box(3, 7).describe();
}
