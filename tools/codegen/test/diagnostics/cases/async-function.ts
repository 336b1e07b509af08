// compiler bug: an async function declaration is not rejected as async: its Promise return type is lowered as an interface, and the error is a confusing 'cannot convert number to Promise' at the return value
async function compute(): Promise<number> { // error@col=1: async
  return 1;
}

export function main(): void {
  compute();
}
