/** A stored dataset or job (or a dataset's field) a node id names. */
export type ResolvedNode = {
  type: 'dataset' | 'job';
  id: number;
  namespace: string;
  name: string;
  field?: string;
};
