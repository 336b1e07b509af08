class Secret {
  #compute(): number { // error@col=3: this method name
    return 1;
  }
  run(): number {
    return this.#compute();
  }
}

export function main(): number {
  return new Secret().run();
}
