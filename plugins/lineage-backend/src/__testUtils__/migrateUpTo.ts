import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

export const migrationsDirectory = resolvePackagePath(
  '@meshwork/plugin-lineage-backend',
  'migrations',
);

/** Runs the plugin's migrations up to `migration`, not through it. */
export async function migrateUpTo(knex: Knex, migration: string) {
  for (;;) {
    const [, pending] = await knex.migrate.list({
      directory: migrationsDirectory,
    });
    if (pending[0].file === migration) return;
    await knex.migrate.up({ directory: migrationsDirectory });
  }
}
