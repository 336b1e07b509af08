class Resource {
  async [Symbol.asyncDispose](): Promise<void> {}
}

async function work(): Promise<void> { // error@col=1: an async function
  await using r = new Resource();
}

export function main(): void {
  work();
}
