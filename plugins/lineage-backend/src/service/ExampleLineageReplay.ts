import {
  OpenLineageEvent,
  parseOpenLineageEvent,
  ParsedOpenLineageEvent,
  groupBy,
} from '@meshwork/plugin-lineage-common';
import { createHash, randomUUID } from 'crypto';
import { yieldToEventLoop } from '@meshwork/plugin-data-products-node';
import { namedKey } from '../store/facetValues';
import { LineageReader } from '../store/LineageReader';
import { OpenLineageEventStore } from '../store/OpenLineageEventStore';
import { shiftNominalTime } from './shiftNominalTime';
import { latestEventTime } from './latestEventTime';

const DAY_MS = 24 * 60 * 60_000;
/**
 * How far back missed runs are made: the longest SLO window of the example's
 * products (finance-reporting's 28 days, which its freshness window follows),
 * as older runs would change no measure. The replay knows the seed, not the
 * catalog, so this follows `catalog-info/products`. After a stop that long,
 * catching up makes about 19,000 runs (42,000 events), stored a thousand
 * events at a time in about 7 s on SQLite or Postgres: well within the
 * replay task's minute.
 */
const MAX_CATCH_UP_MS = 28 * DAY_MS;
const MIN_INTERVAL_MS = 60_000;
/** How often the replay is asked for the runs due. */
export const EXAMPLE_REPLAY_EVERY_SECONDS = 15;
/**
 * How early a run may come: a pipeline due as often as its freshness allows
 * (checkout-events, every 15 minutes) would otherwise read stale from the
 * moment it is due until the replay is next asked.
 */
const EARLY_MS = 2 * EXAMPLE_REPLAY_EVERY_SECONDS * 1000;
const INGEST_BATCH = 1000;

/** A pipeline of the example that keeps running, and the run it repeats. */
type ReplayedJob = {
  namespace: string;
  name: string;
  intervalMs: number;
  start: ParsedOpenLineageEvent;
  complete: ParsedOpenLineageEvent;
  durationMs: number;
  /** The job (a DAG) the repeated run is a task of, and its seeded run. */
  parent?: {
    facet: ParentFacet;
    /** The seed's day (UTC, as seeded) of that DAG run. */
    day: number;
    start?: ParsedOpenLineageEvent;
    complete?: ParsedOpenLineageEvent;
  };
};

type ParentFacet = {
  run: { runId: string };
  job: { namespace: string; name: string };
};

/**
 * Keeps the example mesh's pipelines running after it is loaded, so that
 * its SLOs read as they did at load for days: each pipeline whose last
 * seeded run succeeded on schedule runs again, a copy of that run, each time
 * its interval passes. The example's stories age as they would in a real
 * mesh: after a week its stalled hours and its runs before the volume drop
 * leave the SLO window. A pipeline whose last seeded run failed or is
 * overdue is not run.
 */
export class ExampleLineageReplay {
  static fromSeed(events: ParsedOpenLineageEvent[]): ExampleLineageReplay {
    const runs = groupBy(
      events.filter(e => e.kind === 'run' && e.event.run?.runId),
      e => e.event.run!.runId,
    );
    const byJob = groupBy([...runs.values()], ([{ event }]) =>
      namedKey(event.job!),
    );
    const seedEnd = latestEventTime(events);
    const jobs: ReplayedJob[] = [];
    for (const jobRuns of byJob.values()) {
      const ended = jobRuns
        .map(run => ({
          run,
          end: latestEventTime(run),
          complete: run.find(e => e.event.eventType === 'COMPLETE'),
          start: run.find(e => e.event.eventType === 'START'),
        }))
        .sort((a, b) => a.end - b.end);
      const last = ended[ended.length - 1];
      const completed = ended.filter(r => r.complete);
      if (
        !last.complete ||
        !last.start ||
        !last.complete.event.outputs?.length ||
        completed.length < 3
      ) {
        continue;
      }
      const gaps = completed
        .slice(1)
        .map((r, i) => r.end - completed[i].end)
        .sort((a, b) => a - b);
      const intervalMs = gaps[Math.floor(gaps.length / 2)];
      // A stalled pipeline stays stalled. Runs that end together (a backfill,
      // say) make no schedule: at such an interval, catching up a week of
      // runs would not end.
      if (
        intervalMs < MIN_INTERVAL_MS ||
        seedEnd - last.end > 1.5 * intervalMs
      ) {
        continue;
      }
      const parent = parentOf(last.complete.event);
      const parentEvents = (parent && runs.get(parent.run.runId)) || [];
      const parentEvent = (type: string) =>
        parentEvents.find(e => e.event.eventType === type);
      jobs.push({
        namespace: last.complete.event.job!.namespace,
        name: last.complete.event.job!.name,
        intervalMs,
        start: last.start,
        complete: last.complete,
        durationMs: last.complete.eventTimeMs - last.start.eventTimeMs,
        parent: parent && {
          facet: parent,
          day: dayOf(last.start.eventTimeMs, 0),
          start: parentEvent('START'),
          complete: parentEvent('COMPLETE'),
        },
      });
    }
    return new ExampleLineageReplay(jobs);
  }

  private constructor(private readonly jobs: ReplayedJob[]) {}

  /** How far the seed was moved in time when loaded, once read. */
  private shiftMs?: number;

  /** The pipelines that keep running, as `namespace/name`. */
  get pipelines(): string[] {
    return this.jobs.map(job => `${job.namespace}/${job.name}`);
  }

  /**
   * Runs each pipeline that is due at `now` (or within `EARLY_MS`), with the runs it missed while
   * nothing ran them (Meshwork stopped, say) over the longest SLO window, so
   * that its history has no gap; returns how many runs that made.
   */
  async runDue(
    store: OpenLineageEventStore,
    reader: LineageReader,
    now = Date.now(),
  ): Promise<number> {
    const shiftMs = await this.seedShift(reader);
    const due: ParsedOpenLineageEvent[] = [];
    let made = 0;
    for (const job of this.jobs) {
      // A query per job (800 in a large mesh) runs synchronously on SQLite:
      // the backend's other requests go between them.
      await yieldToEventLoop();
      const lastEnd =
        (await reader.lastCompletedRunEnd(job.namespace, job.name)) ??
        now - job.intervalMs;
      for (
        let end = firstMissedEnd(lastEnd, job.intervalMs, now);
        end <= now + EARLY_MS;
        end += job.intervalMs
      ) {
        // Never ending after now: a run made early ends as it is made.
        const endedAt = Math.min(end, now);
        due.push(...repeatRun(job, endedAt - job.durationMs, endedAt, shiftMs));
        made++;
        // Stored as made: a month's catch-up held whole would take 200 MB.
        if (due.length >= INGEST_BATCH) {
          await store.ingest(due.splice(0), now);
        }
      }
    }
    if (due.length > 0) {
      await store.ingest(due, now);
    }
    return made;
  }

  /**
   * How far `importSeedEvents` moved the seed, from where the store holds a
   * seeded DAG task's run, so that a DAG's days stay the seed's days, moved
   * with it (none while the store holds none).
   */
  private async seedShift(reader: LineageReader): Promise<number> {
    const seeded = this.jobs.find(job => job.parent)?.start;
    if (this.shiftMs === undefined && seeded) {
      const [run] = await reader.runs([seeded.event.run!.runId]);
      if (run?.startedAt) {
        this.shiftMs = Date.parse(run.startedAt) - seeded.eventTimeMs;
      }
    }
    return this.shiftMs ?? 0;
  }
}

/**
 * When the first run missed since `lastEnd` ends: one interval on, or, after
 * a stop longer than the catch-up, the last on the job's schedule at or
 * before the catch-up's start, so that every SLO window starts covered.
 */
function firstMissedEnd(
  lastEnd: number,
  intervalMs: number,
  now: number,
): number {
  const skipped = Math.floor((now - MAX_CATCH_UP_MS - lastEnd) / intervalMs);
  return lastEnd + Math.max(1, skipped) * intervalMs;
}

/** The day of `time`, as the seed's days moved by `shiftMs`. */
function dayOf(time: number, shiftMs: number): number {
  return Math.floor((time - shiftMs) / DAY_MS);
}

/**
 * The events of one more run of `job`, from `start` to `end`. A task of a
 * DAG becomes a task of that DAG's run of the day (the seed's days, moved
 * by `shiftMs` as the seed was), which the store makes start with its first
 * task and end with its last, as in the seed: on the seed's last day, the
 * seeded DAG run.
 */
function repeatRun(
  job: ReplayedJob,
  start: number,
  end: number,
  shiftMs: number,
): ParsedOpenLineageEvent[] {
  const runId = randomUUID();
  const { parent } = job;
  if (!parent) {
    return [
      copyEvent(job.start, start, runId),
      copyEvent(job.complete, end, runId),
    ];
  }
  const day = dayOf(start, shiftMs);
  const dagRun: ParentFacet = {
    ...parent.facet,
    run: {
      runId:
        day === parent.day
          ? parent.facet.run.runId
          : dayRunId(parent.facet.job, day),
    },
  };
  const task = (event: ParsedOpenLineageEvent, time: number) =>
    copyEvent(event, time, runId, {
      ...event.event.run!.facets,
      parent: dagRun,
    });
  // Each task of the day copies the DAG's events; none knows when the
  // day's first task was scheduled, so the DAG run tells no schedule.
  const dag = (event: ParsedOpenLineageEvent | undefined, time: number) => {
    if (!event) return [];
    const { nominalTime: _unknown, ...facets } = event.event.run?.facets ?? {};
    return [copyEvent(event, time, dagRun.run.runId, facets)];
  };
  return [
    task(job.start, start),
    task(job.complete, end),
    ...dag(parent.start, start),
    ...dag(parent.complete, end),
  ];
}

/**
 * `event` as an event of run `runId` at `time`, with `runFacets`, its
 * scheduled time moved with it.
 */
function copyEvent(
  { event, eventTimeMs }: ParsedOpenLineageEvent,
  time: number,
  runId: string,
  runFacets = event.run?.facets,
): ParsedOpenLineageEvent {
  const facets = shiftNominalTime(runFacets, time - eventTimeMs);
  const parsed = parseOpenLineageEvent({
    ...event,
    eventTime: new Date(time).toISOString(),
    run: { ...event.run, runId, ...(facets && { facets }) },
  });
  if (!parsed.ok) {
    throw new Error(`Example run of ${event.job?.name} is invalid`);
  }
  return parsed;
}

function parentOf(event: OpenLineageEvent): ParentFacet | undefined {
  const parent = event.run?.facets?.parent as Partial<ParentFacet> | undefined;
  return parent?.run?.runId && parent.job?.name
    ? (parent as ParentFacet)
    : undefined;
}

/** The same run id for a DAG's run of a day, whichever task comes first. */
function dayRunId(job: ParentFacet['job'], day: number): string {
  const hex = createHash('sha256')
    .update(`${job.namespace}\u0000${job.name}\u0000${day}`)
    .digest('hex');
  // Shaped as a version-8 (custom) UUID, as run ids are UUIDs.
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    `a${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
