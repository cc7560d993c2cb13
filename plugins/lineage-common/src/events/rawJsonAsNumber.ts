/** `JSON.isRawJSON` (Node 21+, recent browsers), not yet in TypeScript's library. */
const isRawJSON = (JSON as { isRawJSON?: (value: unknown) => boolean })
  .isRawJSON;

/**
 * An integer kept exactly as raw JSON (see the lineage backend's
 * `parseJsonExact`) as the number it is, so that where an object is
 * expected it is refused as a number, not taken for an object.
 */
export function rawJsonAsNumber(value: unknown): unknown {
  return isRawJSON?.(value)
    ? Number((value as { rawJSON: string }).rawJSON)
    : value;
}
