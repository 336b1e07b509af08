declare function hostTime(): number;

export function main(): number {
  return hostTime(); // error-at@col=10: 'hostTime' is declared without a body
}
