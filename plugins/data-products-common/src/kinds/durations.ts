const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses `30m`, `2h`, `7d` into milliseconds; undefined when malformed or
 * of more than six digits, as a DataProduct may give (a product stored
 * before that limit keeps its longer one, which would overflow the times
 * measured back from now).
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,6})(s|m|h|d|w)$/.exec(text.trim());
  return match ? Number(match[1]) * UNIT_MS[match[2]] : undefined;
}

/** Parses `99%` or `99.9%` into a fraction; undefined when malformed or over 100%. */
export function parsePercentage(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const value = Number(match[1]);
  return value <= 100 ? value / 100 : undefined;
}

const WORDS: Record<string, [string, string]> = {
  s: ['second', 'seconds'],
  m: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  w: ['week', 'weeks'],
};

/** `30m` → `30 minutes`, for people. */
export function describeDuration(text: string): string {
  const match = /^(\d+)(s|m|h|d|w)$/.exec(text.trim());
  if (!match) {
    return text;
  }
  const count = Number(match[1]);
  return `${count} ${WORDS[match[2]][count === 1 ? 0 : 1]}`;
}
