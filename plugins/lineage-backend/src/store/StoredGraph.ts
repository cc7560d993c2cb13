import type { LineageGraph } from '@meshwork/plugin-lineage-common';
import type { Named } from './facetValues';

/**
 * A graph as read: each node id's row id, and each job node's parent job by
 * row id, named as stored (a node id whose namespace holds colons reads
 * more than one way).
 */
export type StoredGraph = LineageGraph & {
  ids: Map<string, number>;
  parentJobs: Map<number, Named>;
};
