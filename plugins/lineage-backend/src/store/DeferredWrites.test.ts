import { createStoreTestDatabases } from '@meshwork/test-utils';
import { Knex } from 'knex';
import { BulkColumn } from './bulkRows';
import { DeferredWrites } from './DeferredWrites';

const NOTE_COLUMNS: BulkColumn[] = [
  { name: 'id', type: 'integer' },
  { name: 'body', type: 'text', long: true },
];

describe('DeferredWrites', () => {
  const databases = createStoreTestDatabases();

  async function tablesOn(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await knex.schema.createTable('notes', table => {
      table.integer('id').primary();
      table.text('body').notNullable();
    });
    await knex.schema.createTable('tags', table => {
      table.integer('id').primary();
      table.text('tag').notNullable();
    });
    await knex('notes').insert({ id: 0, body: 'kept' });
    return knex;
  }

  const count = async (db: Knex, table: string) =>
    Number((await db(table).count({ n: '*' }))[0].n);

  it.each(databases.eachSupportedId())(
    'writes to several tables at once on Postgres, and each at once on SQLite, on %p',
    async databaseId => {
      const knex = await tablesOn(databaseId);
      await knex.transaction(async tx => {
        const writes = new DeferredWrites(tx);
        await writes.upsert({
          table: 'notes',
          columns: NOTE_COLUMNS,
          rows: [
            [1, 'one'],
            [2, 'two'],
          ],
          conflict: ['id'],
          merge: { body: 'excluded.body' },
        });
        await writes.upsert({
          table: 'tags',
          columns: [
            { name: 'id', type: 'integer' },
            { name: 'tag', type: 'text' },
          ],
          rows: [[1, 'a']],
        });
        await writes.query(tx('notes').where('id', 0).delete());
        const held = databaseId === 'POSTGRES_15';
        expect(await count(tx, 'tags')).toBe(held ? 0 : 1);
        expect(await count(tx, 'notes')).toBe(held ? 1 : 2);
        await writes.flush();
      });
      expect(await knex('notes').orderBy('id')).toEqual([
        { id: 1, body: 'one' },
        { id: 2, body: 'two' },
      ]);
      expect(await knex('tags')).toEqual([{ id: 1, tag: 'a' }]);
    },
  );

  it.each(databases.eachSupportedId())(
    'sends what it holds before it would pass the parameter limit, on %p',
    async databaseId => {
      const knex = await tablesOn(databaseId);
      const rows = Array.from({ length: 20_000 }, (_, i) => [i + 1, `n${i}`]);
      await knex.transaction(async tx => {
        const writes = new DeferredWrites(tx);
        await writes.upsert({
          table: 'notes',
          columns: NOTE_COLUMNS,
          rows,
        });
        expect(await count(tx, 'notes')).toBeGreaterThan(1);
        await writes.flush();
      });
      expect(await count(knex, 'notes')).toBe(20_001);
    },
  );
});
