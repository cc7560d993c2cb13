import { TestDatabaseId } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import { ParsedOpenLineageEvent } from '@meshwork/plugin-lineage-common';
import {
  createStoreTestDatabases,
  POSTGRES_TEST_DATABASE_ID,
} from '@meshwork/test-utils';
import { OpenLineageEventStore } from '../store/OpenLineageEventStore';
import { prepareEvent } from '../store/prepareEvent';
import type { StorableEvent } from '../store/StorableEvent';
import { IngestQueue, IngestQueueOptions } from './IngestQueue';
import { validEvent } from '../__testUtils__/validEvent';

const databases = createStoreTestDatabases();

let counter = 0;
function runEvents(count: number, job?: string): ParsedOpenLineageEvent[] {
  return Array.from({ length: count }, () => {
    counter++;
    return validEvent({
      eventType: 'COMPLETE',
      eventTime: '2026-01-01T00:00:00Z',
      producer: 'test',
      run: {
        runId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
      },
      job: { namespace: 'etl', name: job ?? `job_${counter % 7}` },
      outputs: [{ namespace: 'pg', name: `table_${counter % 5}` }],
    });
  });
}

const jobOf = (event: StorableEvent) =>
  ('event' in event ? event.event : event).job!.name;

const tick = () => new Promise(resolve => setImmediate(resolve));

/**
 * A queue over a real store whose first transaction waits for `release`,
 * counting the transactions running at once.
 */
async function queueHoldingFirstTransaction(
  databaseId: TestDatabaseId,
  options?: IngestQueueOptions,
) {
  const knex = await databases.init(databaseId);
  const store = await OpenLineageEventStore.create(knex);
  const ingest = store.ingest.bind(store);
  let release = () => {};
  const held = new Promise<void>(resolve => (release = resolve));
  const seen = {
    running: 0,
    mostAtOnce: 0,
    transactions: 0,
    /** Of each transaction, its events' jobs. */
    jobs: [] as string[][],
  };
  store.ingest = async events => {
    seen.running++;
    seen.transactions++;
    seen.jobs.push(events.map(event => jobOf(event)));
    seen.mostAtOnce = Math.max(seen.mostAtOnce, seen.running);
    try {
      if (seen.transactions === 1) await held;
      return await ingest(events);
    } finally {
      seen.running--;
    }
  };
  const stored = async () =>
    Number((await knex('lineage_events').count({ n: '*' }))[0].n);
  return {
    queue: new IngestQueue(store, options),
    release,
    seen,
    stored,
  };
}

/**
 * A queue over a real Postgres store, with the size of each transaction,
 * whose events of job_bad the database refuses (as a value too long), and
 * of job_down fail as a lock timeout would.
 */
async function queueFailingJobs() {
  const knex = await databases.init(POSTGRES_TEST_DATABASE_ID);
  const store = await OpenLineageEventStore.create(knex);
  await knex.raw(`create function fail_jobs() returns trigger language plpgsql as $$
      begin
        if new.job_name = 'job_down' then
          raise exception 'lock timeout' using errcode = 'lock_not_available';
        end if;
        if new.job_name = 'job_bad' then
          raise exception 'value too long' using errcode = 'string_data_right_truncation';
        end if;
        return new;
      end $$`);
  await knex.raw(
    'create trigger fail_jobs before insert on lineage_events for each row execute function fail_jobs()',
  );
  const ingest = store.ingest.bind(store);
  const sizes: number[] = [];
  store.ingest = events => {
    sizes.push(events.length);
    return ingest(events);
  };
  const stored = async () =>
    Number((await knex('lineage_events').count({ n: '*' }))[0].n);
  return { queue: new IngestQueue(store), sizes, stored };
}

describe('IngestQueue', () => {
  it.each(databases.eachSupportedId())(
    'refuses a request while more events wait than it lets wait, never one with none waiting, on %p',
    async databaseId => {
      const { queue, release, stored } = await queueHoldingFirstTransaction(
        databaseId,
        { maxWaitingBytes: 1_000 },
      );
      const first = queue.ingest(runEvents(1));
      await tick();
      // More than it lets wait, yet none waits: taken.
      const large = queue.ingest(runEvents(10));
      const refused = await queue.ingest(runEvents(1)).catch(e => e);
      expect(refused).toBeInstanceOf(ServiceUnavailableError);
      expect(refused.message).toMatch(
        /^The lineage store is behind: \d+ bytes of events wait to be stored, and this request's \d+ would pass the 1000 that lineage.ingest.maxWaitingBytes lets wait; retry later$/,
      );
      release();
      await Promise.all([first, large]);
      // Those waiting stored, two at once are both taken.
      await Promise.all([
        queue.ingest(runEvents(1)),
        queue.ingest(runEvents(1)),
      ]);
      expect(await stored()).toBe(13);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts waiting events by the length of their JSON, deflated or not, on %p',
    async databaseId => {
      const [one, two] = runEvents(2).map(event =>
        prepareEvent(event, { deflatePayload: true }),
      );
      const { queue, release, stored } = await queueHoldingFirstTransaction(
        databaseId,
        { maxWaitingBytes: one.payloadLength + two.payloadLength - 1 },
      );
      const first = queue.ingest(runEvents(1));
      await tick();
      const waiting = queue.ingest([one]);
      const refused = await queue.ingest([two]).catch(e => e);
      expect(refused).toBeInstanceOf(ServiceUnavailableError);
      release();
      await Promise.all([first, waiting]);
      expect(await stored()).toBe(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores eight waiting events beside a small running transaction on Postgres only, on %p',
    async databaseId => {
      const { queue, release, seen, stored } =
        await queueHoldingFirstTransaction(databaseId);
      const first = queue.ingest(runEvents(1));
      await tick();
      const waiting = Array.from({ length: 8 }, () =>
        queue.ingest(runEvents(1)),
      );
      await tick();
      await tick();
      expect(seen.running).toBe(databaseId === 'POSTGRES_15' ? 2 : 1);
      release();
      const outcomes = await Promise.all([first, ...waiting]);
      expect(outcomes.every(o => o.stored === 1)).toBe(true);
      expect(await stored()).toBe(9);
      expect(seen.mostAtOnce).toBe(databaseId === 'POSTGRES_15' ? 2 : 1);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets few waiting events, or any beside a large group, wait for it, on %p',
    async databaseId => {
      // A group of 64 is large: on Postgres, two transactions, one per set
      // of jobs.
      const largeGroupTransactions = databaseId === 'POSTGRES_15' ? 2 : 1;
      for (const [running, waitingRequests, groupTransactions] of [
        [1, 7, 1],
        [64, 20, largeGroupTransactions],
      ]) {
        const { queue, release, seen, stored } =
          await queueHoldingFirstTransaction(databaseId);
        const first = queue.ingest(runEvents(running));
        await tick();
        const waiting = Array.from({ length: waitingRequests }, () =>
          queue.ingest(runEvents(1)),
        );
        await tick();
        await tick();
        expect(seen.jobs.flat()).toHaveLength(running);
        release();
        await Promise.all([first, ...waiting]);
        expect(seen).toMatchObject({
          mostAtOnce: groupTransactions,
          transactions: groupTransactions + 1,
        });
        expect(await stored()).toBe(running + waitingRequests);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'stores a large group beside a small running transaction in one, on %p',
    async databaseId => {
      const { queue, release, seen, stored } =
        await queueHoldingFirstTransaction(databaseId);
      const first = queue.ingest(runEvents(1));
      await tick();
      const large = queue.ingest(runEvents(100));
      await tick();
      await tick();
      release();
      await Promise.all([first, large]);

      // Not split in two sets: no more than two transactions at once.
      expect(seen).toMatchObject({
        mostAtOnce: databaseId === 'POSTGRES_15' ? 2 : 1,
        transactions: 2,
      });
      expect(await stored()).toBe(101);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores a large group as two transactions at once that share no job, on Postgres only: on %p',
    async databaseId => {
      const { queue, release, seen, stored } =
        await queueHoldingFirstTransaction(databaseId);
      release();
      const events = runEvents(200);

      expect(await queue.ingest(events)).toEqual({
        stored: 200,
        duplicates: 0,
        unstored: [],
      });
      const [one, other = new Set<string>()] = seen.jobs.map(
        jobs => new Set(jobs),
      );
      const postgres = databaseId === 'POSTGRES_15';
      expect({
        transactions: seen.transactions,
        mostAtOnce: seen.mostAtOnce,
        sharedJobs: [...one].filter(job => other.has(job)),
        jobs: one.size + other.size,
        evenSets: seen.jobs.every(jobs => jobs.length > 50),
      }).toEqual({
        transactions: postgres ? 2 : 1,
        mostAtOnce: postgres ? 2 : 1,
        sharedJobs: [],
        jobs: 7,
        evenSets: true,
      });
      expect(await queue.ingest(events)).toEqual({
        stored: 0,
        duplicates: 200,
        unstored: [],
      });
      expect(await stored()).toBe(200);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets a group wait groupCommitDelayMs for more requests while producers post side by side, on %p',
    async databaseId => {
      const { queue, release, seen, stored } =
        await queueHoldingFirstTransaction(databaseId, {
          groupCommitDelayMs: 200,
        });
      release();
      await queue.ingest(runEvents(1, 'alone'));
      // Two producers at once: one group of both.
      await Promise.all([
        queue.ingest(runEvents(1, 'side')),
        queue.ingest(runEvents(1, 'by_side')),
      ]);
      // Then one posts, and the other a little later: they share a
      // transaction.
      const early = queue.ingest(runEvents(1, 'early'));
      await new Promise(resolve => setTimeout(resolve, 20));
      await Promise.all([early, queue.ingest(runEvents(1, 'late'))]);

      expect(seen.jobs).toEqual([
        ['alone'],
        ['side', 'by_side'],
        ['early', 'late'],
      ]);
      expect(await stored()).toBe(5);
    },
  );

  it.each(databases.eachSupportedId())(
    'starts a full group, or one after a group of one request, without waiting, on %p',
    async databaseId => {
      const { queue, release, seen } = await queueHoldingFirstTransaction(
        databaseId,
        { groupCommitDelayMs: 10_000 },
      );
      release();
      // Whether the request's transaction starts as soon as the event loop
      // lets it, not after the delay.
      const startsAtOnce = async (events: number) => {
        const before = seen.transactions;
        const stored = queue.ingest(runEvents(events));
        await tick();
        await tick();
        const started = seen.transactions > before;
        await stored;
        return started;
      };
      await Promise.all([
        queue.ingest(runEvents(1)),
        queue.ingest(runEvents(1)),
      ]);
      // After a group of two: a request as large as the queue's groups.
      const fullGroup = databaseId === 'POSTGRES_15' ? 1000 : 2000;
      expect(await startsAtOnce(fullGroup)).toBe(true);
      // After that group of one.
      expect(await startsAtOnce(1)).toBe(true);
    },
    30_000,
  );

  // SQLite has no statement timeout; without a Postgres server (outside CI),
  // the Postgres half of every store test is skipped alike. The linter
  // does not see a test chosen at run time as one.
  /* eslint-disable jest/no-standalone-expect */
  (databases.supports(POSTGRES_TEST_DATABASE_ID) ? it : it.skip)(
    'stores events in smaller transactions when Postgres cancels a statement for their number',
    async () => {
      const knex = await databases.init(POSTGRES_TEST_DATABASE_ID);
      const store = await OpenLineageEventStore.create(knex);
      const ingest = store.ingest.bind(store);
      let sizes: number[] = [];
      store.ingest = events => {
        sizes.push(events.length);
        return ingest(events);
      };
      const queue = new IngestQueue(store);
      // As a statement_timeout would, for statements storing many events.
      const cancelOver = async (events: number) => {
        await knex.raw(`create or replace function cancel_large_inserts() returns trigger language plpgsql as $$
          begin
            if (select count(*) from inserted) > ${events} then
              raise exception 'canceling statement due to statement timeout' using errcode = 'query_canceled';
            end if;
            return null;
          end $$`);
      };
      await cancelOver(4);
      await knex.raw(
        'create trigger cancel_large_inserts after insert on lineage_events referencing new table as inserted for each statement execute function cancel_large_inserts()',
      );
      const stored = async () =>
        Number((await knex('lineage_events').count({ n: '*' }))[0].n);

      // One request of 10, stored in halves of halves.
      expect(await queue.ingest(runEvents(10))).toEqual({
        stored: 10,
        duplicates: 0,
        unstored: [],
      });
      expect(sizes).toEqual([10, 5, 3, 2, 5, 3, 2]);
      // Two of 3 that share a transaction, then are stored each alone.
      sizes = [];
      const shared = await Promise.all([
        queue.ingest(runEvents(3)),
        queue.ingest(runEvents(3)),
      ]);
      expect(shared.map(o => o.stored)).toEqual([3, 3]);
      expect(sizes).toEqual([6, 3, 3]);
      expect(await stored()).toBe(16);

      // Cancelled even alone: the store is unavailable for it (503), and
      // its client retries later.
      await cancelOver(0);
      sizes = [];
      const failure = await queue.ingest(runEvents(3)).catch(e => e);
      expect(failure).toMatchObject({ code: '57014' });
      expect(sizes).toEqual([3, 2, 1]);
      // In a group, the requests after the one cancelled alone are not
      // tried: they would wait as long, and hold up every producer.
      sizes = [];
      const group = await Promise.all(
        [1, 1, 1].map(count => queue.ingest(runEvents(count)).catch(e => e)),
      );
      expect(group).toEqual(
        [0, 1, 2].map(() => expect.objectContaining({ code: '57014' })),
      );
      expect(sizes).toEqual([3, 1]);
      expect(await stored()).toBe(16);
    },
  );

  (databases.supports(POSTGRES_TEST_DATABASE_ID) ? it : it.skip)(
    'counts the events of a set that committed beside a failed one as stored, and finds those refused',
    async () => {
      const { queue, sizes, stored } = await queueFailingJobs();
      const events = [
        ...runEvents(30),
        ...runEvents(10, 'job_bad'),
        ...runEvents(30),
      ];
      const refused = events.flatMap((event, position) =>
        jobOf(event) === 'job_bad' ? [position] : [],
      );

      const outcome = await queue.ingest(events);

      // The group was split: the refused set failed, the other committed.
      expect(sizes[0] + sizes[1]).toBe(events.length);
      expect(outcome).toMatchObject({
        stored: events.length - refused.length,
        duplicates: 0,
      });
      expect(outcome.unstored.map(event => event.position)).toEqual(refused);
      expect(await stored()).toBe(events.length - refused.length);
    },
  );

  (databases.supports(POSTGRES_TEST_DATABASE_ID) ? it : it.skip)(
    'answers the requests one set stored when the other finds the store unavailable, and fails the rest',
    async () => {
      const { queue, sizes, stored } = await queueFailingJobs();
      const unavailable = expect.objectContaining({ code: '55P03' });

      const beside = await Promise.all([
        queue.ingest(runEvents(40, 'job_up')),
        queue.ingest(runEvents(40, 'job_down')).catch(e => e),
      ]);
      expect(beside).toEqual([
        { stored: 40, duplicates: 0, unstored: [] },
        unavailable,
      ]);
      expect(sizes).toEqual([40, 40]);
      expect(await stored()).toBe(40);

      // Refused beside unavailable: the store is unavailable for both, and
      // neither is tried again in parts.
      sizes.length = 0;
      const both = await Promise.all([
        queue.ingest(runEvents(40, 'job_bad')).catch(e => e),
        queue.ingest(runEvents(40, 'job_down')).catch(e => e),
      ]);
      expect(both).toEqual([unavailable, unavailable]);
      expect(sizes).toEqual([40, 40]);
      expect(await stored()).toBe(40);
    },
  );

  (databases.supports(POSTGRES_TEST_DATABASE_ID) ? it : it.skip)(
    'fails the requests left at once when storing a refused one in parts finds the store unavailable',
    async () => {
      const { queue, sizes } = await queueFailingJobs();
      const unavailable = expect.objectContaining({ code: '55P03' });

      // One group: the refused event fails it, then its request alone,
      // whose halves find the one refused and the store unavailable.
      const answers = await Promise.all([
        queue
          .ingest([...runEvents(1, 'job_bad'), ...runEvents(1, 'job_down')])
          .catch(e => e),
        queue.ingest(runEvents(2, 'job_up')).catch(e => e),
        queue.ingest(runEvents(2, 'job_up')).catch(e => e),
      ]);
      expect(answers).toEqual([unavailable, unavailable, unavailable]);
      expect(sizes).toEqual([6, 2, 1, 1]);
    },
  );
  /* eslint-enable jest/no-standalone-expect */
});
