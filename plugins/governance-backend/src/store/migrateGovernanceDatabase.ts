import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { migrateLatestExclusively } from '@meshwork/plugin-data-products-node';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@meshwork/plugin-governance-backend',
  'migrations',
);

/**
 * Brings the governance tables up to date; replicas starting together take
 * turns (both stores call this, too).
 */
export async function migrateGovernanceDatabase(db: Knex): Promise<void> {
  await migrateLatestExclusively(db, {
    directory: migrationsDir,
    lockName: 'meshwork_migrations:governance',
  });
}
