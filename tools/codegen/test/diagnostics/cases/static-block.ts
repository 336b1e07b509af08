class Config {
  static { // error@col=3: a static block
  }
  v = 1;
}

export function main(): number {
  return new Config().v;
}
