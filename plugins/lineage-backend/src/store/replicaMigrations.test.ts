import {
  createStoreTestDatabases,
  migrateAsReplicas,
  POSTGRES_TEST_DATABASE_ID,
} from '@meshwork/test-utils';
import { OpenLineageEventStore } from './OpenLineageEventStore';

describe('OpenLineageEventStore migrations', () => {
  const databases = createStoreTestDatabases();

  it('let replicas starting together on an empty Postgres database all migrate it', async () => {
    // SQLite has one process to a file: no replicas to race.
    if (!databases.supports(POSTGRES_TEST_DATABASE_ID)) return;
    // Unserialised, four at once failed most rounds.
    for (let round = 0; round < 3; round++) {
      const db = await databases.init(POSTGRES_TEST_DATABASE_ID);
      expect(
        await migrateAsReplicas(db, replica =>
          OpenLineageEventStore.create(replica),
        ),
      ).toEqual([]);
      expect(await db.schema.hasTable('lineage_events')).toBe(true);
    }
    // Three rounds of four replicas migrating a fresh database in turn.
  }, 60_000);
});
