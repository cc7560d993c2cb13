import {
  createStoreTestDatabases,
  migrateAsReplicas,
  POSTGRES_TEST_DATABASE_ID,
} from '@meshwork/test-utils';
import { migrateGovernanceDatabase } from './migrateGovernanceDatabase';

describe('migrateGovernanceDatabase', () => {
  const databases = createStoreTestDatabases();

  it('lets replicas starting together on an empty Postgres database all migrate it', async () => {
    // SQLite has one process to a file: no replicas to race.
    if (!databases.supports(POSTGRES_TEST_DATABASE_ID)) return;
    // Unserialised, four at once failed most rounds.
    for (let round = 0; round < 3; round++) {
      const db = await databases.init(POSTGRES_TEST_DATABASE_ID);
      expect(await migrateAsReplicas(db, migrateGovernanceDatabase)).toEqual(
        [],
      );
      expect(await db.schema.hasTable('governance_exemptions')).toBe(true);
    }
  });
});
