/** Whether a value is a plain key-value object, as YAML or JSON maps are read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
