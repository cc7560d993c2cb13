import {
  createStoreTestDatabases,
  POSTGRES_TEST_DATABASE_ID,
} from '@meshwork/test-utils';
import knexFactory from 'knex';
import { migrateGovernanceDatabase } from './migrateGovernanceDatabase';

describe('migrateGovernanceDatabase', () => {
  const databases = createStoreTestDatabases();

  it('lets replicas starting together on an empty Postgres database all migrate it', async () => {
    // SQLite has one process to a file: no replicas to race.
    if (!databases.supports(POSTGRES_TEST_DATABASE_ID)) return;
    // Unserialised, four at once failed most rounds.
    for (let round = 0; round < 3; round++) {
      const db = await databases.init(POSTGRES_TEST_DATABASE_ID);
      const others = [1, 2, 3].map(() => knexFactory(db.client.config));
      try {
        const results = await Promise.allSettled(
          [db, ...others].map(replica => migrateGovernanceDatabase(replica)),
        );
        expect(results.filter(r => r.status === 'rejected')).toEqual([]);
      } finally {
        await Promise.all(others.map(other => other.destroy()));
      }
      expect(await db.schema.hasTable('governance_exemptions')).toBe(true);
    }
  });
});
