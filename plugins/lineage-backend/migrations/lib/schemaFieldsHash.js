// @ts-check

const { createHash } = require('crypto');

/** `JSON.isRawJSON` (Node 21+), not yet in TypeScript's library. */
const { isRawJSON } = /** @type {{ isRawJSON(value: unknown): boolean }} */ (
  /** @type {unknown} */ (JSON)
);

/**
 * A copy of JSON `value` with every object's keys in sorted order, arrays
 * in theirs: serialised, the same text for JSON that differs only in key
 * order, as a relay re-serialising an event may send it. (Integer-like
 * keys still come first, ascending, as in any object: the text is as
 * canonical.) Copied then serialised by JSON.stringify: faster than
 * building the text here.
 *
 * @param {unknown} value
 * @returns {unknown}
 */
function withSortedKeys(value) {
  // Raw JSON: an integer too large for a number, as parseJsonExact keeps it.
  if (typeof value !== 'object' || value === null || isRawJSON(value)) {
    return value;
  }
  if (Array.isArray(value)) return value.map(withSortedKeys);
  const record = /** @type {Record<string, unknown>} */ (value);
  /** @type {Record<string, unknown>} */
  const sorted = {};
  for (const key of Object.keys(record).sort()) {
    const item = withSortedKeys(record[key]);
    if (key === '__proto__') {
      // A key like any other, not the prototype's setter.
      Object.defineProperty(sorted, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      sorted[key] = item;
    }
  }
  return sorted;
}

/**
 * The hash a schema version is known by: of the `schema` facet's fields
 * with their keys sorted, so that the fields reported again with their
 * keys in another order are the same version; the order of the fields
 * counts. The copy migration 20261222000000 re-keyed the versions stored
 * before with, kept as it ran, as a migration's code must stay; ingest
 * keys versions with src/store/schemaFieldsHash.ts, and a test checks
 * that both give the same hash.
 *
 * @param {unknown[]} fields
 * @returns {string}
 */
exports.schemaFieldsHash = function schemaFieldsHash(fields) {
  return createHash('sha256')
    .update(JSON.stringify(withSortedKeys(fields)))
    .digest('hex');
};
