class Secret {
  #value = 42; // error@col=3: a computed or private-name (#) field
  peek(): number {
    return this.#value;
  }
}

export function main(): number {
  return new Secret().peek();
}
