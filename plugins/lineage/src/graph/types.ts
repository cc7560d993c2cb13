import type { DatasetType, JobType } from '@meshwork/plugin-lineage-common';

/** A node as the graph view draws it. */
export type ViewNode = {
  id: string;
  kind: 'dataset' | 'job' | 'product';
  label: string;
  /** The dataset's or job's namespace; the product's entity ref. */
  detail: string;
  /** The data product the dataset or job belongs to. */
  product?: { entityRef: string; title: string };
  root: boolean;
  /** A dataset's or job's type, as the graph gives it (see nodeKind). */
  marquezType?: JobType | DatasetType;
  /** Jobs: the node id of the job's parent job (e.g. an Airflow DAG). */
  parent?: string;
  /** A parent job standing for its collapsed tasks: the tasks' node ids. */
  tasks?: string[];
};

export type ViewEdge = { source: string; target: string; dashed?: boolean };

export type ViewGraph = { nodes: ViewNode[]; edges: ViewEdge[] };
