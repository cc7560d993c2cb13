import { formatNodeId } from '@meshwork/plugin-lineage-common';
import { Knex } from 'knex';
import { toNumber } from './tables';
import { Named } from './facetValues';
import { compareCodeUnits } from '../compareCodeUnits';
import { byteOrder } from './byteOrder';
import { containing } from './containing';
import { withUpdatedAt } from './withUpdatedAt';
import { foldNames } from './foldNames';
import { keyOf } from './keyOf';
import { nodeTypes } from './nodeTypes';
import { SymlinkFold, symlinkFolds } from './symlinkFolds';
import { symlinksExist } from './symlinksExist';

export async function searchNodes(
  db: Knex,
  type: 'dataset' | 'job' | 'column',
  term: string,
  limit: number,
) {
  const { contains, holds, endsWith, equals, run } = containing(db, term);
  if (type === 'column') {
    // A dataset's fields as fieldsOf has them: in its schema, or in column
    // lineage as written or as read (a source no schema facet described),
    // each once. Scanned, as schema fields are: ingest rewrites both, and
    // a trigram index would slow it (20261201120000_name_trigram_indexes).
    const holding = (table: string, datasetId: string, field: string) =>
      db(table)
        .where(builder => contains(builder, field))
        .select({ dataset_id: datasetId, field });
    const fields = holding('lineage_dataset_fields', 'dataset_id', 'field')
      .union(holding('lineage_column_edges', 'dataset_id', 'field'))
      .union(
        holding('lineage_column_edges', 'input_dataset_id', 'input_field'),
      );
    // Fields that are the term come first: a short term (`id`) may be in
    // more fields than a page holds.
    const exactFirst = 'case when ? then 0 else 1 end';
    // The type by a lookup of each field listed, which Postgres makes
    // after the limit: a join would read every schema field.
    const fieldType = db('lineage_dataset_fields as f')
      .whereRaw('?? = ??', ['f.dataset_id', 'c.dataset_id'])
      .whereRaw('?? = ??', ['f.field', 'c.field'])
      .select('f.type')
      .as('type');
    const rows = await run(
      db
        .from(fields.as('c'))
        .join('lineage_datasets as d', 'd.id', 'c.dataset_id')
        .orderByRaw(exactFirst, [equals('c.field')])
        .orderByRaw(
          ['c.field', 'd.namespace', 'd.name']
            .map(column => byteOrder(db, column))
            .join(', '),
        )
        .limit(limit)
        .select('d.namespace', 'd.name', 'c.field', fieldType),
    );
    return rows.map(row => ({
      type: 'column' as const,
      id: `datasetField:${row.namespace}:${row.name}:${row.field}`,
      namespace: row.namespace,
      name: row.name,
      field: row.field,
      fieldType: row.type ?? undefined,
    }));
  }
  // As nameRank ranks names: a term as short as `orders` is in more
  // names than a page holds, and the table named so must be on it.
  const rank = (alias: string) =>
    db.raw(
      `case when ? then 0 when ? or ? then 1 when ? then 2 else 3 end, length(??), ${byteOrder(
        db,
        `${alias}.name`,
      )}, ${byteOrder(db, `${alias}.namespace`)}`,
      [
        equals(`${alias}.name`),
        endsWith(`${alias}.name`, '.'),
        endsWith(`${alias}.name`, '/'),
        holds(`${alias}.name`),
        `${alias}.name`,
      ],
    );
  const table = type === 'dataset' ? 'lineage_datasets' : 'lineage_jobs';
  const named = (alias: string) =>
    withUpdatedAt(db, table)
      .orderByRaw(rank(alias))
      .orderBy('t.id')
      .limit(limit)
      .select('t.id', 't.namespace', 't.name');
  let rows: any[] = await run(
    named('t').where(builder =>
      contains(contains(builder, 't.name'), 't.namespace'),
    ),
  );
  if (type === 'dataset') {
    // A table is also known by the names its symlinks give it (the Hive
    // table of files Spark reports by path), as /graph takes them: each
    // dataset once, by its best such name.
    const matching = db('lineage_symlinks as s')
      .where(builder => contains(contains(builder, 's.name'), 's.namespace'))
      .select(
        's.dataset_id',
        's.namespace',
        's.name',
        db.raw(
          'row_number() over (partition by s.dataset_id order by ?) as name_rank',
          [rank('s')],
        ),
      );
    const symlinked: NameMatch[] = await run(
      named('s')
        .join(matching.as('s'), 's.dataset_id', 't.id')
        .where('s.name_rank', 1)
        .select('s.namespace as symlink_namespace', 's.name as symlink_name'),
    );
    rows = mergeNameMatches(rows, symlinked, term).slice(0, limit);
  }
  // The tables the datasets found are one with others through `symlinks`
  // facets, as /datasets names them, so that a table found by several of
  // its names can be listed once; then, in one query, each result's type
  // and the names of those others.
  const ids: number[] = rows.map(row => row.id);
  const folds =
    type === 'dataset' && (await symlinksExist(db))
      ? await symlinkFolds(db, ids)
      : new Map<number, SymlinkFold>();
  const typed = await nodeTypes(db, [
    ...new Set([
      ...ids.map(id => keyOf(type, id)),
      ...[...folds.values()].flatMap(fold => fold.members),
    ]),
  ]);
  return rows.map(row => ({
    type,
    id: formatNodeId(type, row.namespace, row.name),
    namespace: row.namespace,
    name: row.name,
    updatedAt: new Date(toNumber(row.updated_at)).toISOString(),
    marquezType: typed.get(keyOf(type, row.id))!.marquezType,
    ...(row.symlink_name === undefined
      ? {}
      : {
          symlink: {
            namespace: row.symlink_namespace,
            name: row.symlink_name,
          },
        }),
    ...(folds.has(row.id) &&
      foldNames(folds.get(row.id)!, row.id, id => typed.get(id)!)),
  }));
}

/** A dataset a search found, by its own name or by a symlink's. */
type NameMatch = Named & {
  id: number;
  symlink_namespace?: string;
  symlink_name?: string;
};

/**
 * How well a dataset's or job's name matches a search term, best first:
 * the name is the term (whatever the case), its last part is (after a `.`
 * or `/`: `public.orders`, `s3://bucket/orders`), the name holds it, or
 * only the namespace does. Of one rank, shorter names first (the table
 * itself before its `_2019_01` copies), then by name and namespace.
 */
function nameRank(term: string) {
  const lowerTerm = term.toLocaleLowerCase('en-US');
  const tier = (name: string) => {
    const lower = name.toLocaleLowerCase('en-US');
    if (lower === lowerTerm) return 0;
    if (lower.endsWith(`.${lowerTerm}`) || lower.endsWith(`/${lowerTerm}`)) {
      return 1;
    }
    return lower.includes(lowerTerm) ? 2 : 3;
  };
  return (a: Named, b: Named) =>
    tier(a.name) - tier(b.name) ||
    // In characters, as SQL's length counts them.
    [...a.name].length - [...b.name].length ||
    compareCodeUnits(a.name, b.name) ||
    compareCodeUnits(a.namespace, b.namespace);
}

/**
 * Datasets found by their own names and by their symlinks', each once by
 * the name it is best found by, as nameRank ranks them, and in that order
 * (then by id), as each list is. Each list holds the first `limit` by that
 * order, so the first `limit` of both are the first of all.
 */
function mergeNameMatches(
  own: NameMatch[],
  symlinked: NameMatch[],
  term: string,
): NameMatch[] {
  const found = (row: NameMatch) =>
    row.symlink_name === undefined
      ? { namespace: row.namespace, name: row.name }
      : { namespace: row.symlink_namespace!, name: row.symlink_name };
  const rank = nameRank(term);
  const compare = (a: NameMatch, b: NameMatch) =>
    rank(found(a), found(b)) || a.id - b.id;
  const best = new Map<number, NameMatch>();
  for (const row of [...own, ...symlinked]) {
    const kept = best.get(row.id);
    if (!kept || compare(row, kept) < 0) best.set(row.id, row);
  }
  return [...best.values()].sort(compare);
}
