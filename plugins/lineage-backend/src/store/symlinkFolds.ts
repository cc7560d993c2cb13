import { Knex } from 'knex';
import { datasetSpellingKey } from '@meshwork/plugin-data-products-common';
import { namedKey } from './facetValues';
import { FoldReads, LinkRow } from './FoldReads';
import { idsIn, isPostgres, toNumber } from './tables';

/** One table known by several datasets' names, shown as its primary. */
export type SymlinkFold = { primary: number; members: number[] };

type SymlinkRow = {
  id: number;
  /** The dataset whose `symlinks` facet names `id`, or null for its own. */
  linker: number | null;
  namespace: string;
  name: string;
  /** The namespace `id` is stored under, with a linker. */
  own_namespace: string | null;
};

/**
 * How many rounds of look-ups (a few queries each, only once a fold is
 * found, a round asking nothing an earlier one read) join a chain of
 * symlinks: each reaches one name farther along it both ways, so a chain
 * of up to five names is one table from any of them.
 */
const MAX_FOLD_ROUNDS = 4;

/**
 * The fold of each of `datasetIds` that is one table with others through
 * `symlinks` facets, as Marquez joins them when it stores a symlink: the
 * primary is the dataset whose facet names the others (Spark's files by
 * path, naming their Hive or Glue table), and its members are itself and
 * each dataset its facet names under any spelling of its namespace (see
 * spelledDatasetIds) that no other facet names first (as
 * symlinkedDatasetIds picks among datasets giving one name). Folds
 * sharing a dataset are one (a chain: files naming a Hive table whose own
 * facet names its Glue table), whose primary is the chain's start, as far
 * as MAX_FOLD_ROUNDS look-ups reach. A dataset with no symlink is left
 * out, at the cost of one query for all, which is all a graph with none
 * pays. With `asOf`, a facet last set after it counts as not yet set.
 */
export async function symlinkFolds(
  db: Knex,
  datasetIds: number[],
  asOf?: number,
): Promise<Map<number, SymlinkFold>> {
  const folds = new Map<number, SymlinkFold>();
  // Each primary's own members, and the datasets joined through any of
  // them: a chain (files naming a Hive table whose own facet names its Glue
  // table) is one table.
  const direct = new Map<number, Set<number>>();
  const parent = new Map<number, number>();
  const find = (id: number): number => {
    const up = parent.get(id) ?? id;
    if (up === id) return id;
    const top = find(up);
    parent.set(id, top);
    return top;
  };
  const lookedUp = new Set<number>();
  const reads = new FoldReads(db, asOf);
  let unread = [...new Set(datasetIds)];
  for (let round = 0; round < MAX_FOLD_ROUNDS && unread.length > 0; round++) {
    unread.forEach(id => lookedUp.add(id));
    const found = await directFolds(db, unread, reads);
    for (const [primary, members] of found) {
      direct.set(primary, members);
      for (const member of members) {
        const [top, other] = [find(primary), find(member)];
        if (top !== other) parent.set(other, top);
      }
    }
    unread = [...new Set([...found.values()].flatMap(m => [...m]))].filter(
      id => !lookedUp.has(id),
    );
  }
  if (direct.size === 0) return folds;
  const membersOf = new Map<number, number[]>();
  for (const id of new Set([...direct.values()].flatMap(m => [...m]))) {
    const top = find(id);
    membersOf.set(top, [...(membersOf.get(top) ?? []), id]);
  }
  // The primary is one no other primary's facet names: a chain's start.
  const named = new Set<number>();
  for (const [primary, members] of direct) {
    members.forEach(id => id !== primary && named.add(id));
  }
  const primaryOf = new Map<number, number>();
  for (const primary of [...direct.keys()].sort((x, y) => x - y)) {
    const top = find(primary);
    const chosen = primaryOf.get(top);
    if (chosen === undefined || (named.has(chosen) && !named.has(primary))) {
      primaryOf.set(top, primary);
    }
  }
  for (const id of datasetIds) {
    const members = membersOf.get(find(id));
    if (!members) continue;
    folds.set(id, { primary: primaryOf.get(find(id))!, members });
  }
  return folds;
}

/**
 * The members of each fold, by primary, that `datasetIds` are in or are
 * the primary of, looked up one step along the symlinks.
 */
async function directFolds(
  db: Knex,
  datasetIds: number[],
  reads: FoldReads,
): Promise<Map<number, Set<number>>> {
  const none = new Map<number, Set<number>>();
  if (datasetIds.length === 0) return none;
  const postgres = isPostgres(db);
  // On Postgres, the ids come from a CTE, as in neighbours: counting them
  // inline, the planner hashes all of lineage_symlinks for a level's few
  // hundred datasets rather than look their names up by its index.
  const among = (column: string) =>
    postgres
      ? (builder: Knex.QueryBuilder) =>
          builder.whereRaw('?? = any((select ids from asked)::integer[])', [
            column,
          ])
      : idsIn(postgres, column, datasetIds);
  const head = postgres
    ? db.with(
        'asked',
        db.raw('select ?::integer[] as ids', [`{${datasetIds.join(',')}}`]),
      )
    : db.queryBuilder();
  // Those the datasets' facets name, and those naming the datasets (read
  // by name, their namespace's spelling compared here).
  const rows: SymlinkRow[] = (
    await head
      .from('lineage_symlinks')
      .where(among('dataset_id'))
      .select(
        'dataset_id as id',
        db.raw('null as linker'),
        'namespace',
        'name',
        db.raw('null as own_namespace'),
      )
      .unionAll(
        db('lineage_datasets as d')
          .join('lineage_symlinks as s', 's.name', 'd.name')
          .where(among('d.id'))
          .whereRaw('s.dataset_id <> d.id')
          .select(
            'd.id',
            's.dataset_id as linker',
            's.namespace',
            's.name',
            'd.namespace as own_namespace',
          ),
      )
  ).map((row: SymlinkRow) => ({
    ...row,
    id: toNumber(row.id),
    linker: row.linker === null ? null : toNumber(row.linker),
  }));
  // The datasets' own facets are all their links, should they be primaries.
  reads.keepLinks(
    datasetIds,
    rows
      .filter(row => row.linker === null)
      .map(({ id, namespace, name }) => ({ dataset_id: id, namespace, name })),
  );
  const named = rows.filter(
    row =>
      row.linker === null ||
      datasetSpellingKey(row) ===
        datasetSpellingKey({ namespace: row.own_namespace!, name: row.name }),
  );
  if (named.length === 0) return none;
  const { counts } = reads;
  await reads.readSetBy(named.map(row => row.linker ?? row.id));
  // Each named dataset's primary, as its own name reads.
  const primaryOf = new Map<number, number>();
  const aliasRows = named.filter(row => row.linker !== null);
  const aliasNames = aliasRows.map(row => ({
    namespace: row.own_namespace!,
    name: row.name,
  }));
  const winners = await winnersOf(
    reads,
    aliasNames,
    aliasRows.map(row => row.linker!),
  );
  aliasRows.forEach((row, i) => {
    const winner = winners.get(namedKey(aliasNames[i]));
    if (winner !== undefined) primaryOf.set(row.id, winner);
  });
  // A dataset with a facet of its own is a primary too, though another's
  // facet names it: a link in a chain.
  const primaries = [
    ...new Set(
      named
        .flatMap(row =>
          row.linker === null ? [row.id] : [primaryOf.get(row.id) ?? row.id],
        )
        .filter(counts),
    ),
  ];
  const links = await reads.linksOf(primaries);
  const [linkWinners, spelled] = await Promise.all([
    reads.symlinkedIds(links),
    reads.spelledIds(links),
  ]);
  await reads.readSetBy([...linkWinners.values()]);
  const isWon = (row: LinkRow) => {
    const winner = linkWinners.get(namedKey(row));
    // A primary not yet naming it as of `asOf` leaves it to this one.
    return (
      winner === row.dataset_id || (winner !== undefined && !counts(winner))
    );
  };
  const written = await reads.writtenOf(
    links.filter(isWon).flatMap(row => spelled.get(namedKey(row)) ?? []),
  );
  const members = new Map<number, Set<number>>();
  for (const row of links.filter(isWon)) {
    const primary = row.dataset_id;
    for (const id of spelled.get(namedKey(row)) ?? []) {
      // Written under its own name, it is a table of its own.
      if (id === primary || written.has(id)) continue;
      if (!members.has(primary)) members.set(primary, new Set([primary]));
      members.get(primary)!.add(id);
    }
  }
  return members;
}

/**
 * The dataset each name folds into, by `namespace\0name`: the one
 * symlinkedDatasetIds picks, if it counts (see FoldReads); else the lowest
 * id of the `linkers` (those whose facets give the name) that count.
 */
async function winnersOf(
  reads: FoldReads,
  names: Array<{ namespace: string; name: string }>,
  linkers: number[],
): Promise<Map<string, number>> {
  const picked = await reads.symlinkedIds(names);
  const winners = new Map<string, number>();
  names.forEach((name, i) => {
    const key = namedKey(name);
    const pick = picked.get(key);
    if (pick !== undefined && reads.counts(pick)) winners.set(key, pick);
    else if (reads.counts(linkers[i]) && !(winners.get(key)! <= linkers[i])) {
      winners.set(key, linkers[i]);
    }
  });
  return winners;
}
