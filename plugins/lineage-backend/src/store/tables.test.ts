import { createStoreTestDatabases } from '@meshwork/test-utils';
import { idsIn, isPostgres } from './tables';

describe('idsIn', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'finds the rows of thousands of ids with one parameter, none for no ids, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('ids_in_test', table => {
        table.integer('id').primary();
      });
      const stored = Array.from({ length: 3000 }, (_, i) => ({ id: i + 1 }));
      for (let i = 0; i < stored.length; i += 500) {
        await knex('ids_in_test').insert(stored.slice(i, i + 500));
      }
      // Every other stored id, and ids never stored.
      const asked = Array.from({ length: 2000 }, (_, i) => 2 * i + 1);
      const query = (ids: number[]) =>
        knex('ids_in_test')
          .where(idsIn(isPostgres(knex), 'id', ids))
          .orderBy('id')
          .pluck('id');
      expect(query(asked).toSQL().bindings).toHaveLength(1);
      expect(await query(asked)).toEqual(
        asked.filter(id => id <= 3000).map(Number),
      );
      expect(await query([])).toEqual([]);
    },
  );
});
