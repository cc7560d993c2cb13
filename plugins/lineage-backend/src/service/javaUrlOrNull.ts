/**
 * The protocols `java.net.URL` has handlers for by default, but `jar:`,
 * whose URLs it parses by rules of their own (a `!/` and a URL inside).
 */
const JAVA_URL_PROTOCOLS = new Set([
  'http:',
  'https:',
  'ftp:',
  'file:',
  'mailto:',
]);

/**
 * A job's location as Marquez gives it: a URL Java can parse, or null
 * (Marquez's `urlOrNull`). Its Java client reads the location as a
 * `java.net.URL`, and fails on the whole graph for one it cannot parse,
 * such as `s3://…` or `git@github.com:…`.
 */
export function javaUrlOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    return JAVA_URL_PROTOCOLS.has(new URL(value).protocol) ? value : null;
  } catch {
    return null;
  }
}
