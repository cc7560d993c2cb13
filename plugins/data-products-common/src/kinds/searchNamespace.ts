import { foldForSearch } from './foldForSearch';

/**
 * The ports OpenLineage's naming spec writes into a namespace
 * (`postgres://{host}:{port}`) that a connection string may leave out.
 */
const DEFAULT_PORTS: Record<string, string> = {
  postgres: '5432',
  mysql: '3306',
};

/**
 * A dataset namespace as search compares it: folded, and in the spelling
 * OpenLineage reports, so that either finds the other: Hadoop's `s3a://` and
 * `s3n://` (as Spark's errors and some ports name a bucket) as `s3://`; a
 * connection string's `postgresql://` as `postgres://`; and a database
 * host's default port filled in where it is left out.
 */
export function searchNamespace(namespace: string): string {
  const folded = foldForSearch(namespace)
    .replace(/^s3[an]:\/\//, 's3://')
    .replace(/^postgresql:\/\//, 'postgres://');
  const match = /^([a-z0-9+.-]+):\/\/([^/:?#]+)$/.exec(folded);
  const port = match && DEFAULT_PORTS[match[1]];
  return port ? `${folded}:${port}` : folded;
}
