/** `1 problem`, `2 problems`: a number with its noun. */
export const count = (n: number, noun: string) =>
  `${n} ${noun}${n === 1 ? '' : 's'}`;
