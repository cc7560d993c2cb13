import { Knex } from 'knex';
import { idsIn, isPostgres, toNumber } from './tables';
import { ReadWindow } from './ReadWindow';
import { readInParts } from './readInParts';

export type Direction = 'in' | 'out';
/** The datasets a job reads (`in`) and writes (`out`), each way once read. */
export type JobEdges = Partial<Record<Direction, Set<number>>>;
/** Which edges of a job to read; see loadJobEdges. */
export type JobEdgesQuery = {
  window?: ReadWindow;
  asOf?: number;
  only?: Direction;
};
export type JobEdgeRow = {
  dataset_id: number;
  job_id: number;
  direction: Direction;
  last_seen: number | string | null;
  complete_seen: number | string | null;
};

/** Whether an edge is current takes all of its job's edges. */
function directionsOf({ window, only }: JobEdgesQuery): Direction[] {
  return only && !window ? [only] : ['in', 'out'];
}

/**
 * Reads the edges of the jobs not yet in `into`, both ways or `only` one
 * (both, with a `window`). With a `window`, an edge is left out if it was
 * last seen more than the window before its job's newest edge: of those
 * seen by events naming all their runs' lineage, if any (see
 * IoRow.complete_seen). With `asOf`, an edge seen after it counts as seen
 * at `asOf` (nothing tells whether it was seen in between). An edge seen
 * ahead of this clock is kept, and does not count as the job's newest, so
 * that one such event cannot hide the job's other edges.
 */
export async function loadJobEdges(
  db: Knex,
  jobIds: number[],
  into: Map<number, JobEdges>,
  edges: JobEdgesQuery,
) {
  const missing = jobsMissingEdges(jobIds, into, edges);
  if (missing.length === 0) return;
  const rows = await readInParts(db, missing, part =>
    jobEdgeRows(db, edges).where(idsIn(isPostgres(db), 'job_id', part)),
  );
  addJobEdges(missing, rows, into, edges);
}

/** The jobs of `jobIds` whose edges `edges` asks for are not in `into`. */
export function jobsMissingEdges(
  jobIds: number[],
  into: Map<number, JobEdges>,
  edges: JobEdgesQuery,
) {
  const directions = directionsOf(edges);
  return [...new Set(jobIds)].filter(id =>
    directions.some(direction => !into.get(id)?.[direction]),
  );
}

/** Edge rows of jobs, as `edges` asks for them, for a `job_id` filter. */
export function jobEdgeRows(
  db: Knex,
  { window, asOf, ...rest }: JobEdgesQuery,
) {
  const directions = directionsOf({ window, ...rest });
  const edges = db('lineage_io').select(
    'dataset_id',
    'job_id',
    'direction',
    ...(window
      ? ['last_seen', 'complete_seen']
      : [db.raw('null as last_seen'), db.raw('null as complete_seen')]),
  );
  if (directions.length === 1) edges.where('direction', directions[0]);
  if (asOf !== undefined) edges.where('first_seen', '<=', asOf);
  return edges;
}

/** Sets the edges of the `jobs` in `into` from their `rows`. */
export function addJobEdges(
  jobs: number[],
  rows: JobEdgeRow[],
  into: Map<number, JobEdges>,
  edges: JobEdgesQuery,
) {
  const { window, asOf } = edges;
  const directions = directionsOf(edges);
  for (const id of jobs) {
    const edgesOfJob = into.get(id) ?? {};
    for (const direction of directions) edgesOfJob[direction] = new Set();
    into.set(id, edgesOfJob);
  }
  const added = new Set(jobs);
  const ofJobs = rows.filter(row => added.has(row.job_id));
  // A time as of `asOf`, or undefined when ahead of the clock or unset.
  const timeOf = (seen: number | string | null) => {
    if (!window || seen === null) return undefined;
    const time = toNumber(seen);
    return time > window.seenBy ? undefined : Math.min(time, asOf ?? time);
  };
  const times = ofJobs.map(row => timeOf(row.last_seen));
  // Each job's newest edge, and its newest seen by an event naming all its
  // run's lineage, which counts first: a run whose producer could not
  // parse a statement has not shown that its job dropped what that read
  // or wrote.
  const newest = new Map<number, number>();
  const newestComplete = new Map<number, number>();
  const keepNewest = (of: Map<number, number>, job: number, time?: number) => {
    const known = of.get(job);
    if (time !== undefined && (known === undefined || time > known)) {
      of.set(job, time);
    }
  };
  ofJobs.forEach((row, i) => {
    keepNewest(newest, row.job_id, times[i]);
    keepNewest(newestComplete, row.job_id, timeOf(row.complete_seen));
  });
  ofJobs.forEach((row, i) => {
    const time = times[i];
    const from = newestComplete.get(row.job_id) ?? newest.get(row.job_id)!;
    if (time !== undefined && time < from - window!.windowMs) return;
    into.get(row.job_id)![row.direction]!.add(row.dataset_id);
  });
}
