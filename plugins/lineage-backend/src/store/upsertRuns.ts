import { Knex } from 'knex';
import { cutCodeUnits } from '../cutCodeUnits';
import { BulkColumn } from './bulkRows';
import { RUN_COLUMNS } from './bulkColumns';
import { DeferredWrites } from './DeferredWrites';
import type { EntityResult } from './EntityResult';
import {
  asRecord,
  isString,
  namedKey,
  parentJobOf,
  rootJobOf,
} from './facetValues';
import {
  facetsJson,
  facetValue,
  mergeFacets,
  parseFacetState,
} from './mergeFacets';
import { PreparedEvent } from './prepareEvent';
import { seenByAt } from './ReadWindow';
import { FAILED, TERMINAL } from './runStates';
import { isParented, RunRow, toNumber } from './tables';

/**
 * The events of a run that whether it was re-run, and under which job it
 * completed, depend on (see restartedBetween, completionJob).
 */
const STATE_BEARING = new Set(['START', 'RUNNING', 'COMPLETE']);
const RUN_STATE_EVENT_COLUMNS: BulkColumn[] = [
  { name: 'run_id', type: 'text' },
  { name: 'event_time', type: 'bigint' },
  { name: 'event_type', type: 'text' },
  { name: 'job_id', type: 'integer' },
];
/** End states of one time, the one that holds last. */
const END_RANK = ['COMPLETE', 'ABORT', 'FAIL'];

/** A run's START, RUNNING or COMPLETE event, as lineage_run_state_events keeps it. */
type StateEvent = { time: number; type: string; jobId: number };
/**
 * A run's state events: those stored before the batch, read as asked, and
 * those of the batch, which are written after its runs are merged.
 */
type StateEvents = { tx: Knex.Transaction; runId: string; batch: StateEvent[] };

/**
 * Merges run events into the stored runs, read up front; a run stored now
 * is listed at its `listingTimes`. Returns the jobs whose latest parented
 * run may have changed: those of runs naming a parent now or as stored.
 */
export async function upsertRuns(
  writes: DeferredWrites,
  events: PreparedEvent[],
  jobIds: Map<string, EntityResult>,
  stored: Map<string, RunRow>,
  listingTimes: Map<string, number>,
  now: number,
) {
  const runEvents = events
    .filter(e => e.kind === 'run')
    .sort((a, b) => a.eventTimeMs - b.eventTimeMs);
  const runIds = [...new Set(runEvents.map(e => e.run!.runId))].sort();
  const runs = new Map(stored);
  const seenBy = seenByAt(now);
  const touched = new Set<string>();
  const parentedJobs = new Set<number>();
  const stateEvents = new Map<string, StateEvent[]>();
  const stateRows = new Map<string, unknown[]>();
  for (const event of runEvents) {
    const type = event.eventType ?? 'OTHER';
    if (!STATE_BEARING.has(type)) continue;
    const runId = event.run!.runId;
    const time = event.eventTimeMs;
    const jobId = jobIds.get(namedKey(event.job!))!.id;
    if (!stateEvents.has(runId)) stateEvents.set(runId, []);
    stateEvents.get(runId)!.push({ time, type, jobId });
    stateRows.set(`${runId}\u0000${time}\u0000${type}\u0000${jobId}`, [
      runId,
      time,
      type,
      jobId,
    ]);
  }
  for (const runId of runIds) {
    const row = stored.get(runId);
    if (row && isParented(row)) parentedJobs.add(row.job_id);
  }
  for (const event of runEvents) {
    const time = event.eventTimeMs;
    const runId = event.run!.runId;
    const type = event.eventType ?? 'OTHER';
    const jobId = jobIds.get(namedKey(event.job!))!.id;
    const states: StateEvents = {
      tx: writes.tx,
      runId,
      batch: stateEvents.get(runId) ?? [],
    };
    let run = runs.get(runId);
    // As stored, or as an earlier event of this batch left it.
    const before = run && { ...run };
    if (!run) {
      run = {
        run_id: runId,
        job_id: jobId,
        state: type,
        state_time: time,
        started_at: null,
        ended_at: TERMINAL.has(type) ? time : null,
        active_time: null,
        first_event_time: time,
        last_event_time: time,
        listing_time: listingTimes.get(runId)!,
        error_message: null,
        parent_run_id: null,
        parent_job_id: null,
        root_job_id: null,
        facets: '{}',
        facet_times: '{}',
        created_at: now,
        updated_at: now,
      };
      runs.set(runId, run);
    }
    run.first_event_time = Math.min(run.first_event_time, time);
    run.last_event_time = Math.max(run.last_event_time ?? time, time);
    // The run's job is that of the event its state comes from, so that it
    // does not depend on the order events arrive in: Spark may name the
    // job `unknown` on START and the real one later.
    if (type === 'START' || type === 'RUNNING') {
      run.active_time = Math.max(run.active_time ?? time, time);
      if (restartsToCompletion(run, time)) {
        run.state = 'COMPLETE';
        run.state_time = run.ended_at!;
        run.job_id = (await completionJob(states, run.ended_at!)) ?? run.job_id;
      }
    }
    const span = failureThenCompletion(type, time, run);
    const restarted =
      span !== undefined &&
      (await restartedBetween(states, run, span.failure, span.completion));
    if (failureStands(type, time, run, restarted)) {
      // Spark's integration reports a failed query's job FAIL, then its
      // SQL execution COMPLETE: a completion with no restart after the
      // failure does not undo it, though the run ended with it.
      run.ended_at = Math.max(run.ended_at!, time);
    } else if (supersedes(type, time, run, restarted)) {
      run.ended_at = TERMINAL.has(type)
        ? Math.max(time, FAILED.has(type) ? run.ended_at ?? time : time)
        : null;
      run.state = type;
      run.state_time = time;
      run.job_id = jobId;
    } else if (
      type === run.state &&
      (time > run.state_time || (time === run.state_time && jobId > run.job_id))
    ) {
      // Of two events of the state's kind, the later, or at one time the
      // greater job id; for OTHER, which never supersedes, the later.
      run.state_time = time;
      run.job_id = jobId;
    }
    if (type === 'START') {
      run.started_at = Math.min(run.started_at ?? time, time);
    }
    const state = parseFacetState(run.facets, run.facet_times);
    mergeFacets(state, event.run!.facets, time, seenBy);
    run.facets = facetsJson(state);
    run.facet_times = JSON.stringify(state.times);
    // Only a run that failed has an error: one re-run under the same id
    // (as Airflow's providers before 2.0 did) and completed has none.
    // Nor does a failure reporting none show an earlier attempt's.
    const errorFacet = asRecord(facetValue(state, 'errorMessage'));
    run.error_message =
      FAILED.has(run.state) &&
      state.times.errorMessage >= run.state_time &&
      isString(errorFacet.message)
        ? errorFacet.message
        : null;
    const parentFacet = facetValue(state, 'parent');
    const parentRunId = asRecord(asRecord(parentFacet).run).runId;
    run.parent_run_id = isString(parentRunId)
      ? cutCodeUnits(parentRunId, 256)
      : null;
    // A parent job not among this batch's comes from a stored facet,
    // whose job the stored row has.
    const parentJob = parentJobOf(parentFacet);
    run.parent_job_id = parentJob
      ? jobIds.get(namedKey(parentJob))?.id ?? run.parent_job_id
      : null;
    const rootJob = rootJobOf(parentFacet);
    run.root_job_id = rootJob
      ? jobIds.get(namedKey(rootJob))?.id ?? run.root_job_id
      : null;
    // Updated only by an event that changed it (a later one moves its
    // last_event_time), as the time a run was last updated bounds when it
    // wrote: an event sent again after retention deleted its raw row is
    // new to the store, not to the run.
    const changed = (column: keyof RunRow) =>
      column !== 'updated_at' && before![column] !== run![column];
    if (!before || RUN_COLUMNS.some(c => changed(c.name as keyof RunRow))) {
      run.updated_at = now;
      touched.add(runId);
    }
  }
  for (const runId of touched) {
    const run = runs.get(runId)!;
    if (isParented(run)) parentedJobs.add(run.job_id);
  }
  // Ignored if stored: an event sent again after retention deleted its
  // raw row is new to the store, not to the run.
  await writes.upsert({
    table: 'lineage_run_state_events',
    columns: RUN_STATE_EVENT_COLUMNS,
    rows: [...stateRows.keys()].sort().map(key => stateRows.get(key)!),
    conflict: ['run_id', 'event_time', 'event_type', 'job_id'],
  });
  const rows = runIds
    .filter(id => touched.has(id))
    .map(id => RUN_COLUMNS.map(c => runs.get(id)![c.name as keyof RunRow]));
  await writes.upsert({
    table: 'lineage_runs',
    columns: RUN_COLUMNS,
    rows,
    conflict: ['run_id'],
    // Never the listing time: a run keeps its place in its job's runs.
    merge: Object.fromEntries(
      RUN_COLUMNS.filter(
        c => !['run_id', 'created_at', 'listing_time'].includes(c.name),
      ).map(c => [c.name, `excluded.${c.name}`]),
    ),
  });
  return [...parentedJobs].sort((a, b) => a - b);
}

/**
 * The failure and the completion after it that an event of `type` at
 * `time` weighs against each other, if it does: a completion after the
 * run's failure, or a failure before its completion.
 */
function failureThenCompletion(type: string, time: number, run: RunRow) {
  if (type === 'COMPLETE' && FAILED.has(run.state) && time > run.state_time) {
    return { failure: run.state_time, completion: time };
  }
  if (FAILED.has(type) && run.state === 'COMPLETE' && time < run.state_time) {
    return { failure: time, completion: run.state_time };
  }
  return undefined;
}

/**
 * Whether a run started or ran again after its failure, by its completion:
 * re-run under the same id (as Airflow's providers before 2.0 did), so that
 * completion is its end. The run keeps its latest START or RUNNING time
 * only; when that is past the completion (a late RUNNING, a later attempt),
 * the run's state events tell whether an earlier one lies between, so the
 * answer does not depend on the order they came in, nor on whether
 * retention kept the raw events.
 */
async function restartedBetween(
  states: StateEvents,
  run: RunRow,
  failure: number,
  completion: number,
): Promise<boolean> {
  if (run.active_time === null || run.active_time <= failure) return false;
  if (run.active_time <= completion) return true;
  const inBatch = states.batch.some(
    e => e.type !== 'COMPLETE' && e.time > failure && e.time <= completion,
  );
  if (inBatch) return true;
  const between = await states
    .tx('lineage_run_state_events')
    .where('run_id', states.runId)
    .where('event_time', '>', failure)
    .where('event_time', '<=', completion)
    .whereIn('event_type', ['START', 'RUNNING'])
    .first('event_time');
  return between !== undefined;
}

/**
 * The job of the run's completion at `time`, as its state events name it
 * (of two at that time, the greater id): the run kept its failure's job
 * while the failure stood against that completion.
 */
async function completionJob(
  states: StateEvents,
  time: number,
): Promise<number | undefined> {
  const row = await states
    .tx('lineage_run_state_events')
    .where('run_id', states.runId)
    .where('event_time', time)
    .where('event_type', 'COMPLETE')
    .max({ id: 'job_id' })
    .first();
  const ids = states.batch
    .filter(e => e.type === 'COMPLETE' && e.time === time)
    .map(e => e.jobId);
  if (row?.id !== null && row?.id !== undefined) ids.push(toNumber(row.id));
  return ids.length > 0 ? Math.max(...ids) : undefined;
}

/** A START or RUNNING at `time` re-runs a failed run a completion followed. */
function restartsToCompletion(run: RunRow, time: number) {
  return (
    FAILED.has(run.state) &&
    run.ended_at !== null &&
    time > run.state_time &&
    time <= run.ended_at
  );
}

/**
 * Whether the run's failure stands against a completion at `time`, unless
 * it was `restarted` in between.
 */
function failureStands(
  type: string,
  time: number,
  run: RunRow,
  restarted: boolean,
) {
  return (
    type === 'COMPLETE' &&
    FAILED.has(run.state) &&
    time > run.state_time &&
    !restarted
  );
}

/**
 * Whether an event of `type` at `time` sets the run's state; `restarted`:
 * whether the run was re-run between the failure and completion it weighs.
 */
function supersedes(
  type: string,
  time: number,
  run: RunRow,
  restarted: boolean,
) {
  const { state, state_time: stateTime } = run;
  const terminal = TERMINAL.has(type);
  const wasTerminal = TERMINAL.has(state);
  if (type === 'OTHER') return false;
  if (wasTerminal && !terminal) return false;
  if (terminal && !wasTerminal) return true;
  if (state === 'OTHER') return true;
  // A failure before a completion it was not re-run after is the run's end.
  if (FAILED.has(type) && state === 'COMPLETE' && time < stateTime) {
    return !restarted;
  }
  if (time !== stateTime) return time > stateTime;
  // At the same time (event times keep milliseconds), a failure wins over
  // a completion, so that it is not hidden; else the later in the alphabet,
  // which puts RUNNING after START.
  return terminal
    ? END_RANK.indexOf(type) > END_RANK.indexOf(state)
    : type > state;
}
