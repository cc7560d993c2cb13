import type { FailedAssertion } from './ProductSlo';

/**
 * A failed assertion by its test's name, when given, with what it measured
 * against what it expected: `not_null_orders_id (not_null on id) failed: 3
 * (expected 0)`; `warned` for one configured to warn. No commas of its own:
 * a list holds several.
 */
export function describeFailedAssertion(
  { assertion, column, name, expected, actual }: FailedAssertion,
  outcome: 'failed' | 'warned',
): string {
  const kind = `${assertion}${column ? ` on ${column}` : ''}`;
  const values = [
    actual === undefined ? undefined : `${actual}`,
    expected === undefined ? undefined : `(expected ${expected})`,
  ].filter(Boolean);
  return `${name ? `${name} (${kind})` : kind} ${outcome}${
    values.length ? `: ${values.join(' ')}` : ''
  }`;
}
