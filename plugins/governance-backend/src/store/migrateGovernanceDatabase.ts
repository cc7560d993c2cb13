import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@meshwork/plugin-governance-backend',
  'migrations',
);

/** Brings the governance tables up to date. */
export async function migrateGovernanceDatabase(db: Knex): Promise<void> {
  await db.migrate.latest({ directory: migrationsDir });
}
