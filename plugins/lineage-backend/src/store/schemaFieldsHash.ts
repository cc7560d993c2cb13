import { createHash } from 'crypto';

/** `JSON.isRawJSON` (Node 21+), not yet in TypeScript's library. */
const { isRawJSON } = JSON as unknown as {
  isRawJSON(value: unknown): boolean;
};

/**
 * A copy of JSON `value` with every object's keys in sorted order, arrays
 * in theirs, so that JSON differing only in key order serialises alike.
 * (Integer-like keys still come first, ascending, as in any object: the
 * text is as canonical.) Copying then serialising with JSON.stringify is
 * faster than building the text here.
 */
function withSortedKeys(value: unknown): unknown {
  // Raw JSON: an integer too large for a number, as parseJsonExact keeps it.
  if (typeof value !== 'object' || value === null || isRawJSON(value)) {
    return value;
  }
  if (Array.isArray(value)) return value.map(withSortedKeys);
  const record = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    // defineProperty: `__proto__` is a key like any other here, not the
    // prototype's setter.
    Object.defineProperty(sorted, key, {
      value: withSortedKeys(record[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return sorted;
}

/**
 * The hash a schema version is known by: of the `schema` facet's fields
 * with their keys sorted, so that fields reported again with their keys in
 * another order (as a relay re-serialising an event sends them) are the
 * same version; the order of the fields counts. Migration
 * 20261222000000_schema_version_keys re-keyed the versions stored before
 * with its own copy, which must give the same hash.
 */
export function schemaFieldsHash(fields: unknown[]): string {
  return createHash('sha256')
    .update(JSON.stringify(withSortedKeys(fields)))
    .digest('hex');
}
