class MyError extends Error {} // error-at@col=15: a class may extend only another class

export function main(): void {
  const e = new MyError('x');
}
