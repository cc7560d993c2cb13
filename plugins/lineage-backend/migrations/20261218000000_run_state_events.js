// @ts-check

/**
 * Each run's START, RUNNING and COMPLETE events, by time and job: whether a
 * run started again between its failure and a completion, and which job
 * that completion names, were read from the raw events, which retention
 * deletes, so a run's state and job changed once they were gone. Kept here,
 * a few bytes an event, they stay as long as the run. Ingest keeps it
 * (src/store/upsertRuns.ts); runs stored before get the events
 * that retention has kept, and, if stored before their active time was
 * kept, the latest START or RUNNING of those.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.schema.createTable('lineage_run_state_events', table => {
      table.string('run_id', 256).notNullable();
      table.bigInteger('event_time').notNullable();
      table.string('event_type', 16).notNullable();
      table.integer('job_id').notNullable();
      table.primary(['run_id', 'event_time', 'event_type', 'job_id']);
    });
  } else {
    // Without a rowid, SQLite stores each row once, in its key's b-tree,
    // not in the table and again in the key's index: one write an event.
    await knex.raw(
      `create table lineage_run_state_events (
         run_id varchar(256) not null,
         event_time bigint not null,
         event_type varchar(16) not null,
         job_id integer not null,
         primary key (run_id, event_time, event_type, job_id)
       ) without rowid`,
    );
  }
  if (knex.client.config.client === 'pg') {
    // Tables loaded but not yet analyzed by autovacuum have no statistics:
    // the planner then read lineage_jobs through its trigram indexes once
    // an event (minutes for 100k events, not seconds).
    await knex.raw('analyze lineage_events, lineage_jobs, lineage_runs');
  }
  // One statement, however many events; the where clause also tells
  // SQLite that `on conflict` is the insert's, not the join's.
  await knex.raw(
    `insert into lineage_run_state_events (run_id, event_time, event_type, job_id)
     select e.run_id, e.event_time, e.event_type, j.id
     from lineage_events e
     join lineage_jobs j on j.namespace = e.job_namespace and j.name = e.job_name
     where e.kind = 'run'
       and e.event_type in ('START', 'RUNNING', 'COMPLETE')
       and e.run_id in (select run_id from lineage_runs)
     on conflict do nothing`,
  );
  // Runs stored before 20261211000000_run_active_time have no active time,
  // which restartedBetween reads before these events: their latest START
  // or RUNNING, so a completion after their failure, or a failure sent
  // late, is weighed as for a run stored now.
  await knex.raw(
    `update lineage_runs
     set active_time = s.active_time
     from (
       select run_id, max(event_time) as active_time
       from lineage_run_state_events
       where event_type in ('START', 'RUNNING')
       group by run_id
     ) s
     where lineage_runs.run_id = s.run_id
       and lineage_runs.active_time is null`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('lineage_run_state_events');
};
