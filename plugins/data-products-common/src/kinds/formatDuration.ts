const UNITS: Array<[string, number]> = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
];

/** `42s`, `12m 5s`, `3h 20m`, `2d 4h`: the two largest units. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const index = UNITS.findIndex(([, size]) => seconds >= size);
  if (index < 0) return '0s';
  const [unit, size] = UNITS[index];
  const first = `${Math.floor(seconds / size)}${unit}`;
  const next = UNITS[index + 1];
  const second = next ? Math.floor((seconds % size) / next[1]) : 0;
  return second ? `${first} ${second}${next[0]}` : first;
}
