import type { DatasetType, JobType } from '@meshwork/plugin-lineage-common';
import { asRecord, isString, processingTypeOf } from './facetValues';
import type { FacetTable } from './tables';

/** Namespaces of message brokers: their datasets are streams. */
const STREAM_NAMESPACE = /^(kafka|pulsar|kinesis|pubsub|eventhubs?):\/\//i;

/** Marquez's job types, by OpenLineage processing type; BATCH otherwise. */
const JOB_TYPES = new Map<string | undefined, JobType>([
  ['STREAMING', 'STREAM'],
  ['SERVICE', 'SERVICE'],
]);

/**
 * The type a job's `jobType` facet gives it, null for the default: kept in
 * `lineage_jobs.marquez_type` as the facet is merged (the copy in
 * migrations/lib/declaredTypes.js backfilled the rows stored before).
 */
export function declaredJobType(facets: unknown): JobType | null {
  return JOB_TYPES.get(processingTypeOf(facets)) ?? null;
}

/** A job's type as Marquez gives it, by what its `jobType` facet declares. */
export function jobTypeOf(declared: JobType | null): JobType {
  return declared ?? 'BATCH';
}

/** A job's type as Marquez gives it, by its `jobType` facet. */
export function marquezJobType(facets: unknown): JobType {
  return jobTypeOf(declaredJobType(facets));
}

/**
 * The type a dataset's `datasetType` facet gives it, a stream, else null:
 * kept in `lineage_datasets.marquez_type` (see declaredJobType).
 */
export function declaredDatasetType(facets: unknown): DatasetType | null {
  const declared = asRecord(asRecord(facets).datasetType).datasetType;
  return isString(declared) && declared.toUpperCase() === 'STREAM'
    ? 'STREAM'
    : null;
}

/**
 * A dataset's type as Marquez gives it: a stream, as its `datasetType`
 * facet declares or by a broker's namespace, or a table (its word for the
 * rest).
 */
export function datasetTypeOf(
  namespace: string,
  declared: DatasetType | null,
): DatasetType {
  return declared ?? (STREAM_NAMESPACE.test(namespace) ? 'STREAM' : 'DB_TABLE');
}

/** A dataset's type as Marquez gives it, by its facets and namespace. */
export function marquezDatasetType(
  namespace: string,
  facets: unknown,
): DatasetType {
  return datasetTypeOf(namespace, declaredDatasetType(facets));
}

/** The facet each table's rows declare their type by. */
export const TYPE_FACETS: Record<FacetTable, string> = {
  lineage_datasets: 'datasetType',
  lineage_jobs: 'jobType',
};

/**
 * The type a row of `table` declares by the value of its type facet
 * (undefined when it has none), as `marquez_type` keeps it.
 */
export function declaredType(
  table: FacetTable,
  facet: unknown,
): JobType | DatasetType | null {
  const facets = { [TYPE_FACETS[table]]: facet };
  return table === 'lineage_jobs'
    ? declaredJobType(facets)
    : declaredDatasetType(facets);
}
