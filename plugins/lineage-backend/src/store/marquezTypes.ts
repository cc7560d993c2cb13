import type { DatasetType, JobType } from '@meshwork/plugin-lineage-common';
import { asRecord, isString, processingTypeOf } from './facetValues';

/** Namespaces of message brokers: their datasets are streams. */
const STREAM_NAMESPACE = /^(kafka|pulsar|kinesis|pubsub|eventhubs?):\/\//i;

/** Marquez's job types, by OpenLineage processing type; BATCH otherwise. */
const JOB_TYPES = new Map<string | undefined, JobType>([
  ['STREAMING', 'STREAM'],
  ['SERVICE', 'SERVICE'],
]);

/** A job's type as Marquez gives it, by its `jobType` facet. */
export function marquezJobType(facets: unknown): JobType {
  return JOB_TYPES.get(processingTypeOf(facets)) ?? 'BATCH';
}

/**
 * A dataset's type as Marquez gives it: a stream, by its `datasetType`
 * facet or a broker's namespace, or a table (its word for the rest).
 */
export function marquezDatasetType(
  namespace: string,
  facets: unknown,
): DatasetType {
  const declared = asRecord(asRecord(facets).datasetType).datasetType;
  return (isString(declared) && declared.toUpperCase() === 'STREAM') ||
    STREAM_NAMESPACE.test(namespace)
    ? 'STREAM'
    : 'DB_TABLE';
}
