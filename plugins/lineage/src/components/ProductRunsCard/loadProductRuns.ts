import type { DeclaredJob } from '@meshwork/plugin-data-products-common';
import { formatNodeId } from '@meshwork/plugin-lineage-common';
import type { Dataset, LineageApi, Run } from '../../api';
import { undefinedWhenNotFound } from '../../api/undefinedWhenNotFound';

export type ProductRun = Run & {
  /** The job's name. */
  job: string;
  /** The names of the output ports its job writes. */
  ports: string[];
  /**
   * Its job writes no output port and is among those the product names in
   * its annotation (an export, a reverse ETL sync).
   */
  named: boolean;
  /** The named job whose child job (a DAG's task) ran it. */
  childOf?: string;
  /** Rows the run wrote to the product's output ports, when reported. */
  rowsWritten?: number;
};

const startOf = (run: Run) => Date.parse(run.startedAt ?? run.firstEventAt);

/**
 * The recent runs of the jobs that write a product's output ports and of
 * the jobs it names (each job's newest `limit`), newest first, with the
 * ports each writes and the rows each successful run wrote.
 */
export async function loadProductRuns(
  lineageApi: LineageApi,
  entityRef: string,
  ports: Array<{ name: string; dataset: Dataset }>,
  limit: number,
  namedJobs: DeclaredJob[] = [],
): Promise<ProductRun[]> {
  const [graphs, writes] = await Promise.all([
    Promise.all(
      // A port no event has mentioned yet has no graph; any other failure
      // is the card's error, not "no runs".
      ports.map(({ dataset: d }) =>
        undefinedWhenNotFound(
          lineageApi.graph(formatNodeId('dataset', d.namespace, d.name), {
            upstreamDepth: 1,
            downstreamDepth: 0,
            maxNodes: 100,
          }),
        ),
      ),
    ),
    // A run writes a port once: a port's newest `limit` writes are those
    // of the newest runs.
    lineageApi.writes(entityRef, limit),
  ]);
  // A port's graph one hop upstream: its writers are its jobs.
  const jobs = new Map<
    string,
    { name: string; ports: string[]; named: boolean }
  >();
  graphs.forEach((graph, i) => {
    for (const node of graph?.nodes ?? []) {
      if (node.type !== 'job') continue;
      const job = jobs.get(node.id) ?? {
        name: node.name,
        ports: [],
        named: false,
      };
      job.ports.push(ports[i].name);
      jobs.set(node.id, job);
    }
  });
  // A named job that also writes a port is listed once, as its writer.
  for (const { namespace, name } of namedJobs) {
    const id = formatNodeId('job', namespace, name);
    if (!jobs.has(id)) jobs.set(id, { name, ports: [], named: true });
  }
  // By run: two jobs can end at the same time, and a write's end time is
  // the run's only when its producer's clock was not ahead.
  const rowsByRun = new Map<string, number>();
  for (const port of writes.outputPorts) {
    for (const write of port.writes) {
      if (write.rowCount !== undefined) {
        rowsByRun.set(
          write.runId,
          (rowsByRun.get(write.runId) ?? 0) + write.rowCount,
        );
      }
    }
  }
  const asRow = (
    run: Run,
    job: { name: string; ports: string[]; named: boolean },
    childOf?: string,
  ): ProductRun => ({
    ...run,
    job: job.name,
    ports: job.ports,
    named: job.named,
    ...(childOf ? { childOf } : {}),
    rowsWritten:
      run.state === 'COMPLETE' ? rowsByRun.get(run.runId) : undefined,
  });
  const runs = await Promise.all(
    [...jobs].map(async ([id, job]) => {
      if (!job.named) {
        return (await lineageApi.runs(id, limit)).map(run => asRow(run, job));
      }
      // A named job no event has mentioned yet has no runs; a port's writer
      // was seen in its graph, so its 404 is a failure. A named DAG's tasks
      // run its work: a failed export is a task's run.
      const [own, children] = await Promise.all([
        undefinedWhenNotFound(lineageApi.runs(id, limit)),
        undefinedWhenNotFound(lineageApi.runs(id, limit, { children: true })),
      ]);
      return [
        ...(own ?? []).map(run => asRow(run, job)),
        ...(children ?? []).map(run => {
          const child = run.childJob;
          const writer = child && jobs.get(child.id);
          return writer
            ? asRow(run, writer)
            : asRow(run, { ...job, name: child?.name ?? job.name }, job.name);
        }),
      ];
    }),
  );
  // A port writer's run may also be a named DAG's task's: listed as the
  // writer's, which comes first.
  const byRun = new Map<string, ProductRun>();
  for (const run of runs.flat()) {
    if (!byRun.has(run.runId)) byRun.set(run.runId, run);
  }
  return [...byRun.values()].sort((a, b) => startOf(b) - startOf(a));
}
