import {
  checkPostgresPresence,
  createStoreTestDatabases,
  POSTGRES_TEST_DATABASE_ID,
} from './createStoreTestDatabases';

describe('createStoreTestDatabases', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'gives a working, empty database on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('probe', table => {
        table.string('id').primary();
      });
      await knex('probe').insert({ id: 'a' });
      expect(await knex('probe').select('id')).toEqual([{ id: 'a' }]);
    },
  );

  it('refuses to skip Postgres when MESHWORK_REQUIRE_POSTGRES is set', () => {
    expect(() =>
      checkPostgresPresence(false, { MESHWORK_REQUIRE_POSTGRES: '1' }),
    ).toThrow(/MESHWORK_REQUIRE_POSTGRES forbids skipping/);
    expect(() =>
      checkPostgresPresence(true, { MESHWORK_REQUIRE_POSTGRES: '1' }),
    ).not.toThrow();
  });

  it('runs on Postgres whenever the suite requires it', () => {
    const required = Boolean(process.env.MESHWORK_REQUIRE_POSTGRES);
    expect(databases.supports(POSTGRES_TEST_DATABASE_ID) || !required).toBe(
      true,
    );
    expect(databases.supports('SQLITE_3')).toBe(true);
  });
});
