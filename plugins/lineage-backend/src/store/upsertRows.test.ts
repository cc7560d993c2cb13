import { createStoreTestDatabases } from '@meshwork/test-utils';
import { upsertRows } from './upsertRows';

describe('upsertRows', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'returns every row of a statement returning more rows than a call takes arguments, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('names', table => {
        table.increments('id');
        table.string('name').notNullable().unique();
      });
      const count = 150_000;
      const returned = await upsertRows<{ name: string }>(knex, {
        table: 'names',
        columns: [{ name: 'name', type: 'text' }],
        rows: Array.from({ length: count }, (_, i) => [`name_${i}`]),
        conflict: ['name'],
        returning: ['name'],
      });
      expect(returned.length).toBe(count);
      expect(new Set(returned.map(row => row.name)).size).toBe(count);
    },
    60_000,
  );
});
