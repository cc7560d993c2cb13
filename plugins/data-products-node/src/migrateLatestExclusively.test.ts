import { migrateLatestExclusively } from './migrateLatestExclusively';

/** What the helper uses of a Knex instance, recording what it is asked. */
function fakeDatabase(client: string, latest: () => Promise<unknown>) {
  const calls: string[] = [];
  const db = {
    client: { config: { client } },
    migrate: {
      latest: async (config: { directory: string }) => {
        calls.push(`migrate ${config.directory}`);
        await latest();
      },
    },
    transaction: async (run: (tx: unknown) => Promise<unknown>) => {
      calls.push('begin');
      const tx = {
        raw: async (sql: string, bindings?: unknown[]) => {
          calls.push(`${sql} [${(bindings ?? []).join()}]`);
        },
      };
      try {
        const result = await run(tx);
        calls.push('commit');
        return result;
      } catch (error) {
        calls.push('rollback');
        throw error;
      }
    },
  };
  return { db: db as any, calls };
}

const options = { directory: '/migrations', lockName: 'meshwork:test' };

describe('migrateLatestExclusively', () => {
  it('holds the lock in a transaction of its own while Postgres migrates', async () => {
    const { db, calls } = fakeDatabase('pg', async () => {});
    await migrateLatestExclusively(db, options);
    expect(calls).toEqual([
      'begin',
      'set local lock_timeout = 0 []',
      'set local statement_timeout = 0 []',
      'select pg_advisory_xact_lock(hashtext(?)) [meshwork:test]',
      'migrate /migrations',
      'commit',
    ]);
  });

  it('lets the lock go when a migration fails', async () => {
    const { db, calls } = fakeDatabase('pg', async () => {
      throw new Error('migration failed');
    });
    await expect(migrateLatestExclusively(db, options)).rejects.toThrow(
      'migration failed',
    );
    expect(calls.at(-1)).toBe('rollback');
  });

  it('takes no lock on SQLite, which one process owns', async () => {
    const { db, calls } = fakeDatabase('better-sqlite3', async () => {});
    await migrateLatestExclusively(db, options);
    expect(calls).toEqual(['migrate /migrations']);
  });
});
