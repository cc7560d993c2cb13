// @ts-check

/** @param {unknown} value @returns {Record<string, unknown>} */
const asRecord = value =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? /** @type {Record<string, unknown>} */ (value)
    : {};

/** @param {unknown} value @returns {string | undefined} */
const upperString = value =>
  typeof value === 'string' && value.length > 0
    ? value.toUpperCase()
    : undefined;

/** @type {Record<string, string>} */
const JOB_TYPES = { STREAMING: 'STREAM', SERVICE: 'SERVICE' };

/**
 * The type a job's facets declare by their `jobType` facet (`STREAM` or
 * `SERVICE`), a dataset's by its `datasetType` facet (`STREAM`), else null.
 * The copy migration 20261223000000 backfilled `marquez_type` with, kept
 * as it ran, as a migration's code must stay; ingest keeps the column by
 * src/store/marquezTypes.ts, and a test checks that both agree.
 *
 * @param {'lineage_jobs' | 'lineage_datasets'} table
 * @param {unknown} facets
 * @returns {string | null}
 */
exports.declaredType = function declaredType(table, facets) {
  if (table === 'lineage_jobs') {
    const processingType = upperString(
      asRecord(asRecord(facets).jobType).processingType,
    );
    return (processingType && JOB_TYPES[processingType]) || null;
  }
  return upperString(asRecord(asRecord(facets).datasetType).datasetType) ===
    'STREAM'
    ? 'STREAM'
    : null;
};
