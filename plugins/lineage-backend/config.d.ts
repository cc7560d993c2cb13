import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  lineage?: {
    ingest?: {
      /** Largest OpenLineage request body in bytes, compressed or not; default 5 MB. */
      maxBodyBytes?: number;
      /** Most events in one batch request; default 10,000. */
      maxBatchEvents?: number;
      /** Subjects of static tokens that may only send events, never read; default ['meshwork-api-client']. */
      ingestOnlySubjects?: string[];
      /**
       * Worker threads that parse and validate request bodies, off the
       * thread that stores events; default one fewer than the cores, at
       * least 1 and at most 2. 0 parses in the backend's thread; at most 16.
       */
      parserThreads?: number;
      /**
       * Most bytes of events (as JSON) that may wait to be stored: a
       * request whose events would bring those waiting past it is answered
       * 503 with Retry-After (never one with none waiting); default 128 MB,
       * at least maxBodyBytes.
       */
      maxWaitingBytes?: number;
      /**
       * Whole milliseconds a group of requests waits for more before its
       * transaction starts, after a group of several requests, unless it
       * is full: more events share each commit, for up to that much more
       * latency per request. Default 1; 0 never waits; at most 100.
       */
      groupCommitDelayMs?: number;
    };
    /**
     * How many days a job may run without reading or writing a dataset
     * before that edge no longer counts as current; default 45, at most
     * 3650.
     *
     * The dataset graph (`/graph` asked with `edges=current`, Marquez's
     * `/api/v1/lineage` unless asked with `edges=all`) leaves out an edge
     * seen more than this long before its job's newest edge; one seen
     * ahead of the clock stays.
     * Product search (the on-call finder) counts a job's writes alike.
     * Product lineage, drift and impact count a job's reads seen within as
     * long of its newest write of the dataset they lead to (a port, or a
     * staging table before it), and a job as a dataset's writer while it
     * wrote it within as long of the dataset's newest write by any job;
     * there event times more than a day ahead of the clock are left out
     * until then. A job that stopped running keeps what it last read.
     */
    readWindowDays?: number;
    events?: {
      /**
       * Most bytes of events' JSON in one page of `GET /events`, so that a
       * page of large events is not held in memory whole; a page holds one
       * event at least, however large. Default 16 MB.
       */
      maxPageBytes?: number;
    };
    seed?: {
      /** A folder of `*.ndjson(.gz)` OpenLineage events loaded once into an empty store. */
      directory?: string;
      /**
       * Keeps the seed's pipelines running after it is loaded: each runs
       * again, a copy of its last seeded run, once its interval has passed
       * (checked every 15 seconds), with the runs it missed over the last 28 days.
       * Default false.
       */
      replay?: boolean;
    };
    retention?: {
      /**
       * Raw events received more than this many days ago are deleted (by
       * when they arrived, not their eventTime, so a backfill of old runs is
       * kept as long); the lineage graph projected from them stays. Unset
       * keeps them all; at most 36,500.
       */
      rawEventsMaxAgeDays?: number;
      /**
       * Events deleted per statement; default 5,000, at most 100,000. Set
       * only with rawEventsMaxAgeDays, as is schedule.
       */
      batchSize?: number;
      /**
       * When retention runs; default every hour, stopping between batches
       * at its timeout (default 30 minutes).
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
