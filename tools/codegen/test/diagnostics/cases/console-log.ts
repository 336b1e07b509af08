// compiler bug: `console.log(...)` is reported as "type 'any' is not supported" (from the `...data: any[]` parameter of @types/node's Console.log), which names neither console nor kprint
export function main(): void {
  console.log('hello'); // error@col=3: console
}
