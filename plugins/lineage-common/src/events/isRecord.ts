/**
 * Whether a value is a JSON object: facets hold whatever a producer sent,
 * so each value is checked before it is read as one.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
