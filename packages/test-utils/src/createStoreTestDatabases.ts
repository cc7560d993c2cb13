import { TestDatabases, TestDatabaseId } from '@backstage/backend-test-utils';

/** The Postgres id used for store tests; its connection string comes from the environment. */
export const POSTGRES_TEST_DATABASE_ID: TestDatabaseId = 'POSTGRES_15';

/** Every store test runs on each of these. */
const STORE_TEST_DATABASE_IDS: TestDatabaseId[] = [
  'SQLITE_3',
  POSTGRES_TEST_DATABASE_ID,
];

const CONNECTION_STRING_VARIABLE =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * Test databases for store tests: SQLite always, Postgres when a server is
 * configured. Outside CI a missing Postgres skips its half with a notice; with
 * MESHWORK_REQUIRE_POSTGRES set (as CI does) it fails the suite instead, so a
 * green run always means both databases were exercised.
 */
export function createStoreTestDatabases(
  env: NodeJS.ProcessEnv = process.env,
): TestDatabases {
  const databases = TestDatabases.create({
    ids: STORE_TEST_DATABASE_IDS,
    disableDocker: true,
  });
  checkPostgresPresence(databases.supports(POSTGRES_TEST_DATABASE_ID), env);
  return databases;
}

/** Throws, or prints a notice, when the Postgres half cannot run. */
export function checkPostgresPresence(
  postgresAvailable: boolean,
  env: NodeJS.ProcessEnv,
) {
  if (!postgresAvailable) {
    const reason = `${CONNECTION_STRING_VARIABLE} is not set (for example postgresql://postgres@127.0.0.1:5432)`;
    if (env.MESHWORK_REQUIRE_POSTGRES) {
      throw new Error(
        `Postgres store tests cannot run: ${reason}, and MESHWORK_REQUIRE_POSTGRES forbids skipping them`,
      );
    }
    // eslint-disable-next-line no-console
    console.warn(`Skipping the Postgres half of the store tests: ${reason}`);
  }
}
