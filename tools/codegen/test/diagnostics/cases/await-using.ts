class Resource {
  async [Symbol.asyncDispose](): Promise<void> {}
}

async function work(): Promise<void> {
  await using r = new Resource(); // error@col=3: await using
}

export function main(): void {
  work();
}
