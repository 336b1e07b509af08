class Job {
  async run(): Promise<number> {
    return 1;
  }
  async twice(): Promise<number> { // error@col=3: an async function
    const a = await this.run();
    return a;
  }
}

export function main(): void {
  const j = new Job();
  j.twice();
}
