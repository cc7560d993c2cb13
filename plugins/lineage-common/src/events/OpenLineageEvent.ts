/** Facets by name; unknown and custom facets are kept as sent. */
export type OpenLineageFacets = Record<string, unknown>;

export type OpenLineageDataset = {
  namespace: string;
  name: string;
  facets?: OpenLineageFacets;
  inputFacets?: OpenLineageFacets;
  outputFacets?: OpenLineageFacets;
};

export type OpenLineageJob = {
  namespace: string;
  name: string;
  facets?: OpenLineageFacets;
};

export type OpenLineageRun = {
  runId: string;
  facets?: OpenLineageFacets;
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
  schemaURL?: string;
  eventType?: string;
  run?: OpenLineageRun;
  job?: OpenLineageJob;
  dataset?: OpenLineageDataset;
  inputs?: OpenLineageDataset[];
  outputs?: OpenLineageDataset[];
  [key: string]: unknown;
};
