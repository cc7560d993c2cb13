import {
  createStoreTestDatabases,
  POSTGRES_TEST_DATABASE_ID,
} from '@meshwork/test-utils';
import knexFactory, { Knex } from 'knex';
import {
  isRefusedByDatabase,
  isStoreUnavailable,
} from '@meshwork/plugin-data-products-node';

async function lockedRowError(knex: Knex) {
  const holder = await knex.transaction();
  await holder('probe').where('id', 1).forUpdate();
  const error = await knex
    .transaction(tx => tx('probe').where('id', 1).forUpdate().noWait())
    .catch(failure => failure);
  await holder.rollback();
  return error;
}

describe('isStoreUnavailable and isRefusedByDatabase', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'tell refused data from a store that cannot write now, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('probe', table => {
        table.integer('id').primary();
        table.text('name').notNullable().unique();
      });
      await knex('probe').insert({ id: 1, name: 'one' });
      const refused = await knex('probe')
        .insert({ id: 2, name: null })
        .catch(error => error);
      expect(isRefusedByDatabase(refused)).toBe(true);
      expect(isStoreUnavailable(refused)).toBe(false);
      const duplicate = await knex('probe')
        .insert({ id: 2, name: 'one' })
        .catch(error => error);
      expect(isRefusedByDatabase(duplicate)).toBe(true);
      // A primary key taken: ids are the store's, so it is the store's fault.
      const idTaken = await knex('probe')
        .insert({ id: 1, name: 'two' })
        .catch(error => error);
      expect(isRefusedByDatabase(idTaken)).toBe(false);
      expect(isStoreUnavailable(idTaken)).toBe(false);
      // Postgres: a row another transaction holds (lock_not_available, for
      // now). SQLite has one writer per process, so it never waits here.
      const busy =
        databaseId === 'POSTGRES_15'
          ? await lockedRowError(knex)
          : { code: 'SQLITE_BUSY' };
      expect(isStoreUnavailable(busy)).toBe(true);
      expect(isRefusedByDatabase(busy)).toBe(false);
      const bug = await knex('no_such_table').catch(error => error);
      expect(isStoreUnavailable(bug)).toBe(false);
      expect(isRefusedByDatabase(bug)).toBe(false);
    },
  );

  /** What connecting to the test server with `overrides` fails with. */
  async function connectionError(knex: Knex, overrides: object) {
    const other = knexFactory({
      client: 'pg',
      connection: { ...knex.client.connectionSettings, ...overrides },
    });
    try {
      return await other.raw('select 1').catch(error => error);
    } finally {
      await other.destroy();
    }
  }

  it('tells a Postgres server that refuses the connection itself, and no other state of its kind', async () => {
    if (!databases.supports(POSTGRES_TEST_DATABASE_ID)) return;
    const knex = await databases.init(POSTGRES_TEST_DATABASE_ID);
    // A database mid-restore: not there yet.
    const missing = await connectionError(knex, {
      database: 'meshwork_no_such_database',
    });
    expect(missing.code).toBe('3D000');
    expect(isStoreUnavailable(missing)).toBe(true);
    // A login refused (the test server trusts; a password server says
    // 28P01 for the same): the operator's to fix, not the client's.
    const refused = await connectionError(knex, {
      user: 'meshwork_no_such_role',
    });
    expect(['28000', '28P01']).toContain(refused.code);
    expect(isStoreUnavailable(refused)).toBe(true);
    // Closed for maintenance.
    const closed = `meshwork_closed_${process.pid}`;
    await knex.raw('create database ??', [closed]);
    try {
      await knex.raw('alter database ?? allow_connections false', [closed]);
      const closedError = await connectionError(knex, { database: closed });
      expect(closedError.code).toBe('55000');
      expect(isStoreUnavailable(closedError)).toBe(true);
    } finally {
      await knex.raw('drop database ??', [closed]);
    }
    // The same state for a sequence used before its first value: a bug.
    await knex.raw('create sequence probe_seq');
    const unset = await knex
      .raw("select currval('probe_seq')")
      .catch(error => error);
    expect(unset.code).toBe('55000');
    expect(isStoreUnavailable(unset)).toBe(false);
  }, 30_000);

  it('reads SQLite codes with their extension and Postgres states by class', () => {
    for (const code of [
      'SQLITE_BUSY_SNAPSHOT',
      'SQLITE_IOERR_FSYNC',
      'SQLITE_READONLY_DBMOVED',
      '57014',
      '53100',
      // The server's disk failing; a network gone; a password rotated.
      '58030',
      '28P01',
      'ECONNRESET',
      'ENETUNREACH',
    ]) {
      expect([code, isStoreUnavailable({ code })]).toEqual([code, true]);
    }
    for (const code of ['SQLITE_CONSTRAINT_TRIGGER', '22P02', 'P0001']) {
      expect([code, isRefusedByDatabase({ code })]).toEqual([code, true]);
      expect([code, isStoreUnavailable({ code })]).toEqual([code, false]);
    }
    expect(isStoreUnavailable({ code: 'SQLITE_BUSYNESS' })).toBe(false);
    // The store's own faults are neither: they answer 500.
    for (const error of [
      { code: '42P01' },
      { code: '2200H' },
      { code: '23505', constraint: 'lineage_datasets_pkey' },
      { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' },
      { code: '08P01' },
      // A file of the server's missing is no outage to wait out.
      { code: '58P01' },
    ]) {
      expect([error, isRefusedByDatabase(error)]).toEqual([error, false]);
      expect([error, isStoreUnavailable(error)]).toEqual([error, false]);
    }
    expect(
      isRefusedByDatabase({ code: '23505', constraint: 'lineage_io_unique' }),
    ).toBe(true);
  });
});
