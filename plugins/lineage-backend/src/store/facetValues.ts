import {
  EVENT_LIMITS,
  fitsUtf8Bytes,
  isRecord,
} from '@meshwork/plugin-lineage-common';

/** A dataset's or job's name, as events and facets give it. */
export type Named = { namespace: string; name: string };

/** A dataset's or job's key in maps: its namespace and name. */
export const namedKey = ({ namespace, name }: Named) =>
  `${namespace}\u0000${name}`;

/** Facets hold whatever a producer sent: these read values out of them. */
export function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

export function isString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * Facet text that fits the index it is projected into (see EVENT_LIMITS);
 * longer text stays in the stored facet but is not projected.
 */
export function isIndexable(value: unknown, maxBytes: number): value is string {
  return isString(value) && fitsUtf8Bytes(value, maxBytes);
}

/** A facet's dataset name, if it fits the name index. */
export function indexableName(
  namespace: unknown,
  name: unknown,
): Named | undefined {
  return isIndexable(namespace, EVENT_LIMITS.maxNamespaceBytes) &&
    isIndexable(name, EVENT_LIMITS.maxNameBytes)
    ? { namespace, name }
    : undefined;
}

/**
 * The job a run's `parent` facet names, if its name fits the index; none
 * for a facet marked `_deleted`.
 */
export function parentJobOf(parentFacet: unknown): Named | undefined {
  const facet = asRecord(parentFacet);
  if (facet._deleted === true) return undefined;
  const job = asRecord(facet.job);
  return indexableName(job.namespace, job.name);
}

/**
 * The job a run's `parent` facet names as its root (`root.job`: the DAG
 * over a task's Spark application), by the rules of `parentJobOf`.
 */
export function rootJobOf(parentFacet: unknown): Named | undefined {
  const facet = asRecord(parentFacet);
  if (facet._deleted === true) return undefined;
  return parentJobOf(facet.root);
}

/** A job's processing type, as its `jobType` facet gives it, upper-cased. */
export function processingTypeOf(facets: unknown): string | undefined {
  const processingType = asRecord(asRecord(facets).jobType).processingType;
  return isString(processingType) ? processingType.toUpperCase() : undefined;
}

/**
 * Whether a job's facets say it runs without end: a stream (as Flink's
 * says) or a service, which the spec runs alike.
 */
export function isContinuousJob(facets: unknown): boolean {
  const processingType = processingTypeOf(facets);
  return processingType === 'STREAMING' || processingType === 'SERVICE';
}
