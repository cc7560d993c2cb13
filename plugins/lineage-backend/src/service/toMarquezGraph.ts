import type {
  MarquezLineageGraph,
  MarquezLineageNode,
} from '@meshwork/plugin-lineage-common';
import {
  parseEventTime,
  schemaFieldsOf,
} from '@meshwork/plugin-lineage-common';
import { compareCodeUnits } from '../compareCodeUnits';
import { asRecord, isString } from '../store/facetValues';
import { LineageReader } from '../store/LineageReader';
import { marquezDatasetType, marquezJobType } from '../store/marquezTypes';
import { JobEdges } from '../store/loadJobEdges';
import { StoredGraph } from '../store/StoredGraph';
import { ProductMeasurements } from '../store/ProductMeasurements';
import { javaUrlOrNull } from './javaUrlOrNull';
import { sortMarquezGraph } from './sortMarquezGraph';

function text(value: unknown): string | null {
  return isString(value) ? value : null;
}

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

/**
 * A producer's date-time as the UTC instant Marquez gives (without a zone,
 * read as UTC, as event times are), null if none: Marquez's Java client
 * reads these as Instants and fails on the whole graph for one it cannot.
 */
function instant(value: unknown): string | null {
  return iso(isString(value) ? parseEventTime(value) : undefined);
}

/** Marquez's run states, from OpenLineage's event types. */
const RUN_STATES: Record<string, string> = {
  START: 'RUNNING',
  RUNNING: 'RUNNING',
  COMPLETE: 'COMPLETED',
  FAIL: 'FAILED',
  ABORT: 'ABORTED',
};

type LatestRun = Awaited<ReturnType<LineageReader['latestRuns']>> extends Map<
  number,
  infer Run
>
  ? Run
  : never;

/** A run as Marquez gives a job's `latestRun`. */
function marquezRun(run: LatestRun) {
  const nominal = asRecord(run.facets.nominalTime);
  const started = run.startedAt ? Date.parse(run.startedAt) : undefined;
  const ended = run.endedAt ? Date.parse(run.endedAt) : undefined;
  return {
    id: run.runId,
    createdAt: iso(run.createdAt),
    updatedAt: iso(run.updatedAt),
    nominalStartTime: instant(nominal.nominalStartTime),
    nominalEndTime: instant(nominal.nominalEndTime),
    state: RUN_STATES[run.state] ?? 'NEW',
    startedAt: run.startedAt ?? null,
    endedAt: run.endedAt ?? null,
    durationMs:
      started !== undefined && ended !== undefined ? ended - started : null,
    args: {},
    jobVersion: null,
    inputDatasetVersions: [],
    outputDatasetVersions: [],
    facets: run.facets,
  };
}

/**
 * Marquez's `{ graph: [...] }` shape: each node's data as Marquez gives it
 * (its type, times, fields, a job's inputs and outputs by the edges walked
 * and latest run), its current facets besides, and whether the node cap cut
 * it short.
 */
export async function toMarquezGraph(
  graph: StoredGraph & {
    jobDatasets: Map<number, JobEdges>;
    primaries?: Map<number, number>;
  },
  reader: LineageReader,
  measurements: ProductMeasurements,
): Promise<MarquezLineageGraph> {
  const idsOf = (type: 'dataset' | 'job') =>
    graph.nodes.filter(n => n.type === type).map(n => graph.ids.get(n.id)!);
  // A table known by several names shows its primary's data, as Marquez
  // stores it, under the name it is shown by.
  const dataOf = (id: number) => graph.primaries?.get(id) ?? id;
  const datasetIds = idsOf('dataset').map(dataOf);
  const jobIds = idsOf('job');
  const { jobDatasets } = graph;
  const [datasetRows, jobRows, written, latestRuns, lifecycleStates] =
    await Promise.all([
      reader.datasets(datasetIds),
      reader.jobs(jobIds),
      measurements.lastSuccessfulWrites(datasetIds),
      reader.latestRuns(jobIds),
      reader.lastLifecycleStates(datasetIds),
    ]);
  const datasets = new Map(datasetRows.map(d => [d.id, d]));
  const jobs = new Map(jobRows.map(j => [j.id, j]));
  const named = await reader.names(
    jobIds.flatMap(id => [
      ...(jobDatasets.get(id)?.in ?? []),
      ...(jobDatasets.get(id)?.out ?? []),
    ]),
  );
  // By namespace, then name, so that the answer does not depend on the
  // order edges were stored in, nor on the database.
  const datasetIdsOf = (ids: Set<number> | undefined) =>
    [...(ids ?? [])]
      .map(id => named.get(id)!)
      .sort(
        (a, b) =>
          compareCodeUnits(a.namespace, b.namespace) ||
          compareCodeUnits(a.name, b.name),
      );
  const nodes = new Map<string, MarquezLineageNode>();
  for (const node of graph.nodes) {
    const rowId = graph.ids.get(node.id)!;
    const common = {
      id: { namespace: node.namespace, name: node.name },
      namespace: node.namespace,
      name: node.name,
    };
    let data: Record<string, unknown>;
    if (node.type === 'dataset') {
      const dataId = dataOf(rowId);
      const row = datasets.get(dataId);
      const facets = row?.facets ?? {};
      data = {
        ...common,
        type: marquezDatasetType(node.namespace, facets),
        physicalName: node.name,
        createdAt: iso(row?.createdAt),
        updatedAt: iso(row?.updatedAt),
        sourceName: text(asRecord(facets.dataSource).name) ?? node.namespace,
        // Marquez's fields are named and flat: a struct's are left out.
        fields: schemaFieldsOf(facets.schema).map(field => ({
          name: text(field.name),
          type: text(field.type),
          tags: [],
          description: text(field.description),
        })),
        tags: [],
        // When a run writing it completed, as Marquez sets it: a run that
        // started, is running or failed has not written it.
        lastModifiedAt: iso(written.get(dataId)),
        description: text(asRecord(facets.documentation).description),
        // That of its latest write, as Marquez keeps it per version: not
        // the last facet ever reported, which a later write does not undo.
        lastLifecycleState: lifecycleStates.get(dataId) ?? null,
        facets,
      };
    } else {
      const row = jobs.get(rowId);
      const facets = row?.facets ?? {};
      const parentName = graph.parentJobs.get(rowId)?.name ?? null;
      const run = latestRuns.get(rowId);
      data = {
        ...common,
        type: marquezJobType(facets),
        simpleName:
          parentName && node.name.startsWith(`${parentName}.`)
            ? node.name.slice(parentName.length + 1)
            : node.name,
        parentJobName: parentName,
        parentJobUuid: null,
        createdAt: iso(row?.createdAt),
        updatedAt: iso(row?.updatedAt),
        inputs: datasetIdsOf(jobDatasets.get(rowId)?.in),
        outputs: datasetIdsOf(jobDatasets.get(rowId)?.out),
        location: javaUrlOrNull(asRecord(facets.sourceCodeLocation).url),
        description: text(asRecord(facets.documentation).description),
        latestRun: run ? marquezRun(run) : null,
        facets,
      };
    }
    nodes.set(node.id, {
      id: node.id,
      type: node.type === 'dataset' ? 'DATASET' : 'JOB',
      data,
      inEdges: [],
      outEdges: [],
    });
  }
  for (const { source, target } of graph.edges) {
    const edge = { origin: source, destination: target };
    nodes.get(source)?.outEdges.push(edge);
    nodes.get(target)?.inEdges.push(edge);
  }
  return {
    graph: sortMarquezGraph(nodes.values()),
    truncated: graph.truncated,
  };
}
