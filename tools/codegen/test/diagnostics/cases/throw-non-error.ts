export function main(): number {
  throw 'boom'; // error@col=3: throwing anything but `new Error(message)`
}
