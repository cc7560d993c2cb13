import knexFactory, { Knex } from 'knex';

/**
 * Runs `migrate` against the database `db` reaches from `replicas`
 * connections at once, as backends starting together on one database do;
 * the reasons of those that failed.
 */
export async function migrateAsReplicas(
  db: Knex,
  migrate: (replica: Knex) => Promise<unknown>,
  replicas = 4,
): Promise<unknown[]> {
  const others = Array.from({ length: replicas - 1 }, () =>
    knexFactory(db.client.config),
  );
  try {
    const results = await Promise.allSettled([db, ...others].map(migrate));
    return results.flatMap(result =>
      result.status === 'rejected' ? [result.reason] : [],
    );
  } finally {
    await Promise.all(others.map(other => other.destroy()));
  }
}
