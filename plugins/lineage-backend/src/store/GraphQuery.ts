import type { ResolvedNode } from './ResolvedNode';

/** A walk of the graph around a stored node; see readGraph. */
export type GraphQuery = {
  root: ResolvedNode;
  upstreamDepth: number;
  downstreamDepth: number;
  maxNodes: number;
  /** Only edges first seen at or before this time, in epoch ms. */
  asOf?: number;
  /**
   * `current` leaves out an edge its job has not been seen on within the
   * read window of the job's newest edge: a read or write the job dropped.
   * `all` (the default) keeps every edge ever seen, and reads less.
   */
  edges?: 'current' | 'all';
  /**
   * Give each job node the `parent` job of its most recent run that names a
   * parent (one more query for the whole graph; see parentJobs).
   */
  parents?: boolean;
  /**
   * Walk from a root job's child jobs (a DAG's tasks, see selfAndChildJobs)
   * as from the root, shown at depth 0: a DAG's own events rarely name what
   * it reads or writes; its tasks' events do.
   */
  children?: boolean;
  /**
   * Give each node its Marquez type (see nodeTypes): one more query per
   * table, so only those that show it ask.
   */
  types?: boolean;
};
