/** `JSON.isRawJSON` (Node 21+, recent browsers), not yet in TypeScript's library. */
const isRawJSON = (JSON as { isRawJSON?: (value: unknown) => boolean })
  .isRawJSON;

/**
 * Whether `value` is an integer kept exactly as raw JSON (see the lineage
 * backend's `parseJsonExact`): a number, though `typeof` says object.
 */
export function isRawJson(value: unknown): boolean {
  return isRawJSON?.(value) ?? false;
}
