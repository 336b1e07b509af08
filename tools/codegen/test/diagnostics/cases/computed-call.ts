function one(): number {
  return 1;
}
function two(): number {
  return 2;
}

export function main(): number {
  const pickFirst = true;
  return (pickFirst ? one : two)(); // error@col=10: calling a computed expression
}
