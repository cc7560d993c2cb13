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
 * loadJobEdges would. With `symlinks`, it also adds to `into` those of its
 * `of` datasets a `symlinks` facet may tie to others (their own facet
 * names a stored dataset's name, or one names theirs: symlinkFolds tells),
 * so that a walk of datasets with none pays no query of its own for them.
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
  symlinks?: { of: number[]; into: Set<number> },
): Promise<Array<[number, number]>> {
  const postgres = isPostgres(db);
  const of = new Set(jobEdges.of);
  const linkable = new Set(symlinks?.of);
  // Rows with no job: datasets of the part a symlink may tie to others.
  const symlinked = (
    amongPart: (column: string) => (builder: Knex.QueryBuilder) => void,
    columns: number,
  ) => {
    const nulls = ['job_id', 'direction', 'last_seen', 'complete_seen']
      .slice(0, columns - 1)
      .map(column => db.raw(`null as ${column}`));
    return [
      // A symlink naming no dataset (a Hive table only Spark reports, by
      // its files) joins nothing: not worth a lookup.
      db('lineage_symlinks as s')
        .join('lineage_datasets as d', 'd.name', 's.name')
        .where(amongPart('s.dataset_id'))
        .whereRaw('d.id <> s.dataset_id')
        .select('s.dataset_id', ...nulls),
      db('lineage_datasets as d')
        .join('lineage_symlinks as s', 's.name', 'd.name')
        .where(amongPart('d.id'))
        .whereRaw('s.dataset_id <> d.id')
        .select('d.id as dataset_id', ...nulls),
    ];
  };
  if (toJobs?.length === 0 && linkable.size === 0) return [];
  const rows = await readInParts(db, datasetIds, part => {
    const hinted = part.some(id => linkable.has(id));
    // On Postgres, the symlinks' lookups read the part's ids from a CTE,
    // sent once for both: given inline to `= any(…)`, its planner weighs
    // each element, in each. The pairs' own keep theirs inline, which
    // their plan at the last level (by the jobs shown) depends on.
    const frontier = postgres && hinted;
    const amongPart = (column: string) =>
      frontier
        ? (builder: Knex.QueryBuilder) =>
            builder.whereRaw(
              '?? = any((select ids from frontier)::integer[])',
              [column],
            )
        : idsIn(postgres, column, part);
    const head = () =>
      frontier
        ? db.with(
            'frontier',
            db.raw('select ?::integer[] as ids', [`{${part.join(',')}}`]),
          )
        : db;
    const pairs = db('lineage_io')
      .where('direction', direction)
      .where(idsIn(postgres, 'dataset_id', part))
      .select('dataset_id', 'job_id');
    if (asOf !== undefined) pairs.where('first_seen', '<=', asOf);
    // On SQLite, filtered as read: its planner would walk the jobs' index.
    if (toJobs && postgres) pairs.where(idsIn(postgres, 'job_id', toJobs));
    const partOf = part.filter(id => of.has(id));
    let query: Knex.QueryBuilder;
    let columns = 2;
    if (partOf.length === 0) {
      query = frontier
        ? head()
            .with('pairs', pairs)
            .from('pairs')
            .select('dataset_id', 'job_id')
        : pairs;
    } else {
      // Pairs have no edge direction; the jobs' edges do.
      const edgesOfJobs = jobEdgeRows(db, jobEdges.edges).whereIn(
        'job_id',
        db('pairs')
          .where(idsIn(postgres, 'dataset_id', partOf))
          .select('job_id'),
      );
      columns = 5;
      query = head()
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
    }
    return hinted ? query.unionAll(symlinked(amongPart, columns)) : query;
  });
  const found: Array<[number, number]> = [];
  const edgeRows: JobEdgeRow[] = [];
  const shown = toJobs && !postgres ? new Set(toJobs) : undefined;
  for (const row of rows) {
    if (row.job_id === null) {
      if (linkable.has(row.dataset_id)) symlinks!.into.add(row.dataset_id);
    } else if (row.direction) edgeRows.push(row);
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
