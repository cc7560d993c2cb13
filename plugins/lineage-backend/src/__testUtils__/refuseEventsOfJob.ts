import { Knex } from 'knex';

/**
 * A real failure for some events only: from now on the database refuses to
 * store events of `job`, with "refused event" as the error.
 */
export async function refuseEventsOfJob(
  knex: Knex,
  databaseId: string,
  job: string,
): Promise<{ stop: () => Promise<void> }> {
  const when = `new.job_name = '${job.replaceAll("'", "''")}'`;
  if (databaseId === 'POSTGRES_15') {
    await knex.raw(`create function refuse_events() returns trigger language plpgsql as $$
      begin if ${when} then raise exception 'refused event'; end if; return new; end $$`);
    await knex.raw(
      'create trigger refuse_events before insert on lineage_events for each row execute function refuse_events()',
    );
  } else {
    await knex.raw(
      `create trigger refuse_events before insert on lineage_events when ${when} begin select raise(abort, 'refused event'); end`,
    );
  }
  return {
    stop: async () => {
      await knex.raw(
        databaseId === 'POSTGRES_15'
          ? 'drop trigger refuse_events on lineage_events'
          : 'drop trigger refuse_events',
      );
    },
  };
}
