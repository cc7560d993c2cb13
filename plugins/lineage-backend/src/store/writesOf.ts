import { groupBy } from '@meshwork/plugin-lineage-common';
import { Knex } from 'knex';
import { idsIn, isPostgres } from './tables';
import { Named } from './facetValues';
import { ImmutableRowCache } from './ImmutableRowCache';
import { ReadWindow } from './ReadWindow';
import { Key, keyOf } from './keyOf';
import { Direction, JobEdges, loadJobEdges } from './loadJobEdges';
import { nodeNames } from './nodeNames';
import { PortWrite } from './PortWrite';
import { selfAndChildJobs } from './selfAndChildJobs';

/**
 * What the writers of each of `nodes` write among `outputsIn`; `cut` when
 * a cap on a DAG's tasks left some unread.
 */
export async function writesOf(
  db: Knex,
  namesByKey: ImmutableRowCache<Key, Named>,
  type: 'dataset' | 'job',
  nodes: Array<Named & { id: number }>,
  outputsIn: Set<number>,
  { jobEdges, window }: { jobEdges: Map<number, JobEdges>; window: ReadWindow },
) {
  const ids = nodes.map(node => node.id);
  const { families: writers, cut } =
    type === 'dataset'
      ? { families: await writersOf(db, ids), cut: false }
      : await selfAndChildJobs(db, ids);
  const jobs = [...new Set([...writers.values()].flat())];
  await loadJobEdges(db, jobs, jobEdges, { window });
  const names = await nodeNames(
    db,
    namesByKey,
    jobs.map(job => keyOf('job', job)),
  );
  // A port's own table is that port, whoever else its writers write for,
  // and whether or not a job writes it now.
  const ownPortWrites = (datasetId: number, current: number[]): PortWrite[] =>
    current.length === 0
      ? [{ datasetId }]
      : current.map(job => ({
          job: names.get(keyOf('job', job))!,
          datasetId,
        }));
  const ports = (job: number, direction: Direction): PortWrite[] =>
    [...jobEdges.get(job)![direction]!]
      .filter(datasetId => outputsIn.has(datasetId))
      .map(datasetId => ({
        job: names.get(keyOf('job', job))!,
        datasetId,
        ...(direction === 'in' ? { reads: true as const } : {}),
      }));
  const withWrites = nodes.map(node => {
    const current = (writers.get(node.id) ?? []).filter(
      job => type === 'job' || jobEdges.get(job)!.out!.has(node.id),
    );
    // A job writing nothing (a quality check, an export) is about the
    // ports it reads: on-call types the check that failed.
    const writesNothing =
      type === 'job' &&
      current.every(job => jobEdges.get(job)!.out!.size === 0);
    return {
      id: node.id,
      namespace: node.namespace,
      name: node.name,
      writes:
        type === 'dataset' && outputsIn.has(node.id)
          ? ownPortWrites(node.id, current)
          : current.flatMap(job => ports(job, writesNothing ? 'in' : 'out')),
      /** What a walk downstream starts from, should it write no port. */
      outputs:
        type === 'dataset'
          ? [node.id]
          : [...new Set(current.flatMap(job => [...jobEdges.get(job)!.out!]))],
    };
  });
  return { nodes: withWrites, cut };
}

/** The jobs writing each dataset, by dataset id. */
async function writersOf(db: Knex, datasetIds: number[]) {
  const rows: Array<{ dataset_id: number; job_id: number }> = await db(
    'lineage_io',
  )
    .where('direction', 'out')
    .where(idsIn(isPostgres(db), 'dataset_id', datasetIds))
    .select('dataset_id', 'job_id');
  return groupBy(
    rows,
    row => row.dataset_id,
    row => row.job_id,
  );
}
