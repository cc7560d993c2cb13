import { TestDatabaseId } from '@backstage/backend-test-utils';
import {
  parseOpenLineageEvent,
  ParsedOpenLineageEvent,
} from '@meshwork/plugin-lineage-common';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { OpenLineageEventStore } from '../store/OpenLineageEventStore';
import { IngestQueue } from './IngestQueue';

const databases = createStoreTestDatabases();

let counter = 0;
function runEvents(count: number): ParsedOpenLineageEvent[] {
  return Array.from({ length: count }, () => {
    counter++;
    const result = parseOpenLineageEvent({
      eventType: 'COMPLETE',
      eventTime: '2026-01-01T00:00:00Z',
      producer: 'test',
      run: {
        runId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
      },
      job: { namespace: 'etl', name: `job_${counter % 7}` },
      outputs: [{ namespace: 'pg', name: `table_${counter % 5}` }],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    return result;
  });
}

const tick = () => new Promise(resolve => setImmediate(resolve));

/**
 * A queue over a real store whose first transaction waits for `release`,
 * counting the transactions running at once.
 */
async function queueHoldingFirstTransaction(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await OpenLineageEventStore.create(knex);
  const ingest = store.ingest.bind(store);
  let release = () => {};
  const held = new Promise<void>(resolve => (release = resolve));
  const seen = { running: 0, mostAtOnce: 0, transactions: 0 };
  store.ingest = async events => {
    seen.running++;
    seen.transactions++;
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
  return { queue: new IngestQueue(store), release, seen, stored };
}

describe('IngestQueue', () => {
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
    'lets few waiting events, or any beside a large transaction, wait for it, on %p',
    async databaseId => {
      for (const [running, waitingRequests] of [
        [1, 7],
        [64, 20],
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
        expect(seen.running).toBe(1);
        release();
        await Promise.all([first, ...waiting]);
        expect(seen).toMatchObject({ mostAtOnce: 1, transactions: 2 });
        expect(await stored()).toBe(running + waitingRequests);
      }
    },
  );
});
