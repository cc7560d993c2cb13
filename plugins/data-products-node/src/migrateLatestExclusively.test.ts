import { migrateLatestExclusively } from './migrateLatestExclusively';

/** What the helper uses of a Knex instance, recording what it is asked. */
function fakeDatabase(
  client: string,
  latest: () => Promise<unknown>,
  lockFreeAfterTries = 1,
) {
  const calls: string[] = [];
  let tries = 0;
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
          tries += 1;
          return { rows: [{ locked: tries >= lockFreeAfterTries }] };
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
      'select pg_try_advisory_xact_lock(hashtext(?)) as locked [meshwork:test]',
      'migrate /migrations',
      'commit',
    ]);
  });

  it('asks for the lock again until another replica lets it go', async () => {
    const { db, calls } = fakeDatabase('pg', async () => {}, 3);
    await migrateLatestExclusively(db, options);
    expect(calls).toEqual([
      'begin',
      'select pg_try_advisory_xact_lock(hashtext(?)) as locked [meshwork:test]',
      'select pg_try_advisory_xact_lock(hashtext(?)) as locked [meshwork:test]',
      'select pg_try_advisory_xact_lock(hashtext(?)) as locked [meshwork:test]',
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
