import { Knex } from 'knex';
import { idsIn, isPostgres } from './tables';
import { readInParts } from './readInParts';
import {
  addJobEdges,
  Direction,
  JobEdgeRow,
  JobEdges,
  JobEdgesQuery,
  jobEdgeRows,
  jobsMissingEdges,
} from './loadJobEdges';

/**
 * The jobs reading (`in`) or writing (`out`) each dataset, in pairs, or
 * only those pairing it with one of `toJobs`. With `jobEdges`, the same
 * query also loads the edges of the jobs paired with its `of` datasets, as
 * loadJobEdges would.
 */
export async function neighbours(
  db: Knex,
  direction: Direction,
  datasetIds: number[],
  asOf: number | undefined,
  jobEdges: {
    of: number[];
    into: Map<number, JobEdges>;
    edges: JobEdgesQuery;
  },
  toJobs?: number[],
): Promise<Array<[number, number]>> {
  if (toJobs?.length === 0) return [];
  const postgres = isPostgres(db);
  const of = new Set(jobEdges.of);
  const rows = await readInParts(db, datasetIds, part => {
    const pairs = db('lineage_io')
      .where('direction', direction)
      .where(idsIn(postgres, 'dataset_id', part))
      .select('dataset_id', 'job_id');
    if (asOf !== undefined) pairs.where('first_seen', '<=', asOf);
    // On SQLite, filtered as read: its planner would walk the jobs' index.
    if (toJobs && postgres) pairs.where(idsIn(postgres, 'job_id', toJobs));
    const partOf = part.filter(id => of.has(id));
    if (partOf.length === 0) return pairs;
    // Pairs have no edge direction; the jobs' edges do.
    const edgesOfJobs = jobEdgeRows(db, jobEdges.edges).whereIn(
      'job_id',
      db('pairs').where(idsIn(postgres, 'dataset_id', partOf)).select('job_id'),
    );
    return db
      .with('pairs', pairs)
      .from('pairs')
      .select(
        'dataset_id',
        'job_id',
        db.raw('null as direction'),
        db.raw('null as last_seen'),
        db.raw('null as complete_seen'),
      )
      .unionAll(edgesOfJobs);
  });
  const found: Array<[number, number]> = [];
  const edgeRows: JobEdgeRow[] = [];
  const shown = toJobs && !postgres ? new Set(toJobs) : undefined;
  for (const row of rows) {
    if (row.direction) edgeRows.push(row);
    else if (!shown || shown.has(row.job_id)) {
      found.push([row.dataset_id, row.job_id]);
    }
  }
  const jobs = found
    .filter(([dataset]) => of.has(dataset))
    .map(([, job]) => job);
  addJobEdges(
    jobsMissingEdges(jobs, jobEdges.into, jobEdges.edges),
    edgeRows,
    jobEdges.into,
    jobEdges.edges,
  );
  return found;
}
