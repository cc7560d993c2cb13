import { formatNodeId } from '@meshwork/plugin-lineage-common';
import type { Dataset, LineageApi, Run } from '../../api';
import { undefinedWhenNotFound } from '../../api/undefinedWhenNotFound';

export type ProductRun = Run & {
  /** The job's name. */
  job: string;
  /** The names of the output ports its job writes. */
  ports: string[];
  /** Rows the run wrote to the product's output ports, when reported. */
  rowsWritten?: number;
};

const startOf = (run: Run) => Date.parse(run.startedAt ?? run.firstEventAt);

/**
 * The recent runs of the jobs that write a product's output ports (each
 * job's newest `limit`), newest first, with the ports each writes and the
 * rows each successful run wrote.
 */
export async function loadProductRuns(
  lineageApi: LineageApi,
  entityRef: string,
  ports: Array<{ name: string; dataset: Dataset }>,
  limit: number,
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
  const jobs = new Map<string, { name: string; ports: string[] }>();
  graphs.forEach((graph, i) => {
    for (const node of graph?.nodes ?? []) {
      if (node.type !== 'job') continue;
      const job = jobs.get(node.id) ?? { name: node.name, ports: [] };
      job.ports.push(ports[i].name);
      jobs.set(node.id, job);
    }
  });
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
  const runs = await Promise.all(
    [...jobs].map(async ([id, job]) =>
      (
        await lineageApi.runs(id, limit)
      ).map(run => ({
        ...run,
        job: job.name,
        ports: job.ports,
        rowsWritten:
          run.state === 'COMPLETE' ? rowsByRun.get(run.runId) : undefined,
      })),
    ),
  );
  return runs.flat().sort((a, b) => startOf(b) - startOf(a));
}
