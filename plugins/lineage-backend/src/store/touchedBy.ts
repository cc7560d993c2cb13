import { Named, namedKey } from './facetValues';
import { FacetTexts, PreparedDataset, PreparedEvent } from './prepareEvent';

type FacetUpdate = { facets: FacetTexts; time: number };
export type EntityEntry = Named & { updates: FacetUpdate[] };
/** What a set of events touches, and the facet updates they bring. */
export type Touched = {
  namespaces: Set<string>;
  lineage_datasets: Map<string, EntityEntry>;
  lineage_jobs: Map<string, EntityEntry>;
  schemas: Array<{ dataset: string; text: string; hash: string; time: number }>;
  /**
   * Of run events, sorted by id, each with its job's key and the earliest
   * eventTime of its events.
   */
  runs: Array<{ runId: string; job: string; time: number }>;
};

/** The entities, facet updates, schemas and runs that `events` bring. */
export function touchedBy(events: PreparedEvent[]): Touched {
  const touched: Touched = {
    namespaces: new Set(),
    lineage_datasets: new Map(),
    lineage_jobs: new Map(),
    schemas: [],
    runs: [],
  };
  const touch = (
    entities: Map<string, EntityEntry>,
    d: Named,
    facets: FacetTexts,
    time: number,
  ) => {
    touched.namespaces.add(d.namespace);
    const key = namedKey(d);
    let entry = entities.get(key);
    if (!entry) {
      entry = { namespace: d.namespace, name: d.name, updates: [] };
      entities.set(key, entry);
    }
    if (facets.length) {
      entry.updates.push({ facets, time });
    }
  };
  const touchDataset = (d: PreparedDataset, time: number, read?: boolean) => {
    // Column lineage is what a writer says of what it wrote: a reader's
    // says nothing of the dataset (Marquez uses only an output's).
    const facets = read
      ? d.facets.filter(([name]) => name !== 'columnLineage')
      : d.facets;
    touch(touched.lineage_datasets, d, facets, time);
    if (d.schema) {
      touched.schemas.push({ dataset: namedKey(d), ...d.schema, time });
    }
    for (const input of read ? [] : d.lineageInputs) {
      touch(touched.lineage_datasets, input, [], 0);
    }
  };
  const runs = new Map<string, { job: string; time: number }>();
  for (const event of events) {
    const time = event.eventTimeMs;
    if (event.kind === 'run') {
      const run = runs.get(event.run!.runId);
      if (run) {
        run.time = Math.min(run.time, time);
      } else {
        runs.set(event.run!.runId, { job: namedKey(event.job!), time });
      }
    }
    if (event.job) {
      touch(touched.lineage_jobs, event.job, event.job.facets, time);
    }
    for (const job of [event.run?.parentJob, event.run?.rootJob]) {
      if (job) touch(touched.lineage_jobs, job, [], 0);
    }
    const written = new Map(event.outputs.map(d => [namedKey(d), d]));
    for (const d of event.inputs) {
      const output = written.get(namedKey(d));
      touchDataset(output ? readAndWritten(d, output) : d, time, true);
    }
    for (const d of event.outputs) {
      touchDataset(d, time);
    }
    if (event.dataset) {
      touchDataset(event.dataset, time);
    }
  }
  touched.runs = [...runs.keys()]
    .sort()
    .map(runId => ({ runId, ...runs.get(runId)! }));
  return touched;
}

/**
 * What an event read of a dataset it also wrote (a dbt incremental model, a
 * MERGE): the facets it wrote are of the same time and say what the dataset
 * is now (a schema with the column it added), so they win over those read.
 */
function readAndWritten(
  input: PreparedDataset,
  output: PreparedDataset,
): PreparedDataset {
  const writtenFacets = new Set(output.facets.map(([name]) => name));
  return {
    ...input,
    facets: input.facets.filter(([name]) => !writtenFacets.has(name)),
    schema: writtenFacets.has('schema') ? undefined : input.schema,
  };
}
