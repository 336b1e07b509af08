class Secret {
  static #hidden = 7;
  static peek(): number {
    return Secret.#hidden; // error@col=19: a #private member
  }
}

export function main(): number {
  return Secret.peek();
}
