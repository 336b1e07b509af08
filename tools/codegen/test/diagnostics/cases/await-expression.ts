class Job {
  async run(): Promise<number> {
    return 1;
  }
  async twice(): Promise<number> {
    const a = await this.run(); // error@col=15: await
    return a;
  }
}

export function main(): void {
  const j = new Job();
  j.twice();
}
