import {
  createStoreTestDatabases,
  migrateAsReplicas,
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
      expect(await migrateAsReplicas(db, migrateGovernanceDatabase)).toEqual(
        [],
      );
      expect(await db.schema.hasTable('governance_exemptions')).toBe(true);
    }
    // Three rounds of four replicas migrating a fresh database in turn.
  }, 60_000);

  it("waits for another replica's migrations past the timeouts its requests get", async () => {
    if (!databases.supports(POSTGRES_TEST_DATABASE_ID)) return;
    const db = await databases.init(POSTGRES_TEST_DATABASE_ID);
    // As app-config.production.yaml sets a query timeout, shorter; a
    // lock_timeout a deployment may add too.
    const replica = knexFactory({
      ...db.client.config,
      connection: {
        ...db.client.connectionSettings,
        query_timeout: 200,
        lock_timeout: 50,
      },
    });
    // Another replica migrating: it holds the lock for longer than that.
    const other = await db.transaction();
    try {
      await other.raw('select pg_advisory_xact_lock(hashtext(?))', [
        'meshwork_migrations:governance',
      ]);
      const migrated = migrateGovernanceDatabase(replica).then(
        () => 'migrated',
        error => String(error),
      );
      await new Promise(resolve => setTimeout(resolve, 500));
      await other.commit();
      expect(await migrated).toBe('migrated');
      expect(await db.schema.hasTable('governance_exemptions')).toBe(true);
    } finally {
      if (!other.isCompleted()) await other.rollback();
      await replica.destroy();
    }
  });
});
