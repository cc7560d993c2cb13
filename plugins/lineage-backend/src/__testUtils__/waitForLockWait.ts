import { Knex } from 'knex';

/** Until a session of this Postgres database waits for a row lock. */
export async function waitForLockWait(knex: Knex) {
  for (let tries = 0; tries < 200; tries++) {
    const { rows } = await knex.raw(
      `select 1 from pg_stat_activity
       where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (rows.length > 0) return;
    await new Promise(resolve => setTimeout(resolve, 25));
  }
  throw new Error('No transaction waited for a lock');
}
