/** Facets by name; unknown and custom facets are kept as sent. */
export type OpenLineageFacets = Record<string, unknown>;

/*
 * Optional fields may be null: producers that serialize the spec's classes
 * with a default JSON mapper send null for what they leave out.
 */

export type OpenLineageDataset = {
  namespace: string;
  name: string;
  facets?: OpenLineageFacets | null;
  inputFacets?: OpenLineageFacets | null;
  outputFacets?: OpenLineageFacets | null;
};

export type OpenLineageJob = {
  namespace: string;
  name: string;
  facets?: OpenLineageFacets | null;
};

export type OpenLineageRun = {
  runId: string;
  facets?: OpenLineageFacets | null;
};

/**
 * The three OpenLineage event kinds, told apart by shape: a run event has
 * `run` and `job`, a job event `job` alone, a dataset event `dataset`.
 */
export type OpenLineageEventKind = 'run' | 'job' | 'dataset';

/** Any OpenLineage event, with the fields Meshwork projects typed. */
export type OpenLineageEvent = {
  eventTime: string;
  producer: string;
  schemaURL?: string | null;
  eventType?: string | null;
  run?: OpenLineageRun;
  job?: OpenLineageJob;
  dataset?: OpenLineageDataset;
  inputs?: OpenLineageDataset[] | null;
  outputs?: OpenLineageDataset[] | null;
  [key: string]: unknown;
};
