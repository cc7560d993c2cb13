import { Knex } from 'knex';
import { POSTGRES_TEST_DATABASE_ID } from '@meshwork/test-utils';

/**
 * A real failure: from now on, until stopped, the database refuses to insert
 * rows into `table`, those `when` (SQL on `new`) holds for, with "refused
 * insert" as the error.
 */
export async function refuseInserts(
  knex: Knex,
  databaseId: string,
  table: string,
  when = 'true',
): Promise<{ stop: () => Promise<void> }> {
  if (databaseId === POSTGRES_TEST_DATABASE_ID) {
    await knex.raw(
      `create or replace function refuse_insert() returns trigger language plpgsql as $$
         begin raise exception 'refused insert'; end $$`,
    );
    await knex.raw(
      `create trigger refuse_insert before insert on ?? for each row when (${when}) execute function refuse_insert()`,
      [table],
    );
  } else {
    await knex.raw(
      `create trigger refuse_insert before insert on ?? when ${when} begin select raise(abort, 'refused insert'); end`,
      [table],
    );
  }
  return {
    stop: async () => {
      if (databaseId === POSTGRES_TEST_DATABASE_ID) {
        await knex.raw('drop trigger refuse_insert on ??', [table]);
      } else {
        await knex.raw('drop trigger refuse_insert');
      }
    },
  };
}
