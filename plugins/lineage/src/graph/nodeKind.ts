/** What a dataset or job is, as its details name it. */
export type NodeKind = {
  label: string;
  /** A streaming job or a service: it runs without end, writing all along. */
  continuous: boolean;
};

/**
 * A dataset's or job's kind by its Marquez type, as `/graph` nodes and
 * search results give it: a job whose `jobType` facet says STREAMING or
 * SERVICE, or a dataset whose `datasetType` facet or broker namespace
 * makes it a stream. An unknown type (a node id pasted, say) is the plain
 * kind.
 */
export function nodeKind(
  kind: 'dataset' | 'job',
  type: string | undefined,
): NodeKind {
  if (kind === 'dataset') {
    return type === 'STREAM'
      ? { label: 'Stream', continuous: true }
      : { label: 'Dataset', continuous: false };
  }
  if (type === 'STREAM') return { label: 'Streaming job', continuous: true };
  if (type === 'SERVICE') return { label: 'Service', continuous: true };
  return { label: 'Job', continuous: false };
}
