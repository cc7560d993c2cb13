import { foldForSearch } from './foldForSearch';

/**
 * The ports OpenLineage's naming spec writes into a namespace
 * (`postgres://{host}:{port}`) that a connection string may leave out. A
 * map, so that a scheme named like an Object member (`constructor://`) has
 * none.
 */
const DEFAULT_PORTS = new Map([
  ['postgres', '5432'],
  ['mysql', '3306'],
]);

/**
 * Schemes read as the one OpenLineage reports: Hadoop's `s3a://` and
 * `s3n://` (as Spark's errors and some ports name a bucket) as `s3://`; a
 * connection string's `postgresql://` as `postgres://`.
 */
const SCHEMES_READ_AS = new Map([
  ['s3a', 's3'],
  ['s3n', 's3'],
  ['postgresql', 'postgres'],
]);

/** A namespace's scheme and what follows it, from its `://` on. */
const SCHEMED = /^([a-z0-9+.-]+)(:\/\/.*)$/s;

/**
 * A dataset namespace as search compares it: folded, and in the spelling
 * OpenLineage reports, so that either finds the other (see SCHEMES_READ_AS),
 * and a database host's default port filled in where it is left out.
 */
export function searchNamespace(namespace: string): string {
  const folded = foldForSearch(namespace);
  const [, scheme, rest] = SCHEMED.exec(folded) ?? [];
  if (scheme === undefined) return folded;
  const read = SCHEMES_READ_AS.get(scheme) ?? scheme;
  const port = /^:\/\/[^/:?#]+$/.test(rest) && DEFAULT_PORTS.get(read);
  return `${read}${rest}${port ? `:${port}` : ''}`;
}

/**
 * Every namespace, folded, that searchNamespace reads as it reads
 * `namespace`, that one first: the spellings a producer may have stored a
 * dataset under (`postgres://host` or `postgres://host:5432`, say), for a
 * store that compares namespaces as written.
 */
export function searchNamespaceSpellings(namespace: string): string[] {
  const read = searchNamespace(namespace);
  const [, scheme, rest] = SCHEMED.exec(read) ?? [];
  if (scheme === undefined) return [read];
  const schemes = [
    scheme,
    ...[...SCHEMES_READ_AS]
      .filter(([, readAs]) => readAs === scheme)
      .map(([alias]) => alias),
  ];
  const port = DEFAULT_PORTS.get(scheme);
  const rests =
    port && rest.endsWith(`:${port}`)
      ? [rest, rest.slice(0, -(port.length + 1))]
      : [rest];
  const spellings = schemes.flatMap(s => rests.map(r => `${s}${r}`));
  return [
    read,
    ...spellings.filter(s => s !== read && searchNamespace(s) === read),
  ];
}

/**
 * One table's key whatever spelling of its namespace a producer or a port
 * used: the namespace as searchNamespace reads it and the name as written
 * (S3 keys and quoted identifiers are case-sensitive).
 */
export function datasetSpellingKey(dataset: {
  namespace: string;
  name: string;
}): string {
  return `${searchNamespace(dataset.namespace)}\u0000${dataset.name}`;
}
