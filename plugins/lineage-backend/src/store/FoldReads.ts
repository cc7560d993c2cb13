import { Knex } from 'knex';
import { Named, namedKey } from './facetValues';
import { symlinkedDatasetIds } from './symlinkedDatasetIds';
import { spelledDatasetIds } from './spelledDatasetIds';
import { FACET_TIMES_TABLES, idsIn, isPostgres, toNumber } from './tables';

/** A name a dataset's `symlinks` facet gives it. */
export type LinkRow = { dataset_id: number; namespace: string; name: string };

/**
 * What one symlinkFolds call has read, by dataset or name, each answer
 * depending on that alone: a round looking up the datasets a fold found
 * asks again of its primary (the names its facet gives, who wins them,
 * their datasets) what the round finding it asked, at no query.
 */
export class FoldReads {
  private readonly links = new Map<number, LinkRow[]>();
  private readonly winners = new Map<string, number | undefined>();
  private readonly spelled = new Map<string, number[] | undefined>();
  private readonly written = new Map<number, boolean>();
  private readonly setBy = new Map<number, boolean>();

  constructor(
    private readonly db: Knex,
    /** With it, a facet last set after it counts as not yet set. */
    readonly asOf?: number,
  ) {}

  /** Keeps `rows` as all the names each of `datasetIds`' facet gives. */
  keepLinks(datasetIds: number[], rows: LinkRow[]) {
    for (const id of datasetIds) this.links.set(id, []);
    for (const row of rows) this.links.get(row.dataset_id)?.push(row);
  }

  /** The names the `symlinks` facets of `datasetIds` give. */
  async linksOf(datasetIds: number[]): Promise<LinkRow[]> {
    const unread = [...new Set(datasetIds)].filter(id => !this.links.has(id));
    if (unread.length > 0) {
      const rows = await this.db('lineage_symlinks')
        .where(idsIn(isPostgres(this.db), 'dataset_id', unread))
        .select('dataset_id', 'namespace', 'name');
      this.keepLinks(
        unread,
        rows.map(row => ({ ...row, dataset_id: toNumber(row.dataset_id) })),
      );
    }
    return [...new Set(datasetIds)].flatMap(id => this.links.get(id)!);
  }

  /** As symlinkedDatasetIds. */
  symlinkedIds(named: Named[]): Promise<Map<string, number>> {
    return byName(this.winners, named, unread =>
      symlinkedDatasetIds(this.db, unread),
    );
  }

  /** As spelledDatasetIds. */
  spelledIds(named: Named[]): Promise<Map<string, number[]>> {
    return byName(this.spelled, named, unread =>
      spelledDatasetIds(this.db, unread),
    );
  }

  /** Those of `datasetIds` some job writes (by `asOf`, with one). */
  async writtenOf(datasetIds: number[]): Promise<Set<number>> {
    const unread = [...new Set(datasetIds)].filter(id => !this.written.has(id));
    if (unread.length > 0) {
      const query = this.db('lineage_io')
        .where('direction', 'out')
        .where(idsIn(isPostgres(this.db), 'dataset_id', unread))
        .distinct('dataset_id');
      if (this.asOf !== undefined) query.where('first_seen', '<=', this.asOf);
      const found = new Set((await query).map(row => toNumber(row.dataset_id)));
      for (const id of unread) this.written.set(id, found.has(id));
    }
    return new Set(datasetIds.filter(id => this.written.get(id)));
  }

  /**
   * Whether each of `datasetIds`' `symlinks` facet was last set by `asOf`
   * (a symlink keeps no time of its own), read for later `isSet` calls.
   */
  async readSetBy(datasetIds: number[]) {
    const unread = [...new Set(datasetIds)].filter(id => !this.setBy.has(id));
    if (this.asOf === undefined || unread.length === 0) return;
    const rows = await this.db(FACET_TIMES_TABLES.lineage_datasets)
      .where(idsIn(isPostgres(this.db), 'id', unread))
      .select('id', 'facet_times');
    for (const id of unread) this.setBy.set(id, false);
    for (const row of rows) {
      const time = JSON.parse(row.facet_times).symlinks;
      this.setBy.set(
        toNumber(row.id),
        typeof time === 'number' && time <= this.asOf,
      );
    }
  }

  /** Whether `linker`'s facet counts: always with no `asOf`. */
  counts = (linker: number) =>
    this.asOf === undefined || this.setBy.get(linker) === true;
}

/** `read`'s answers for `named`, by `namespace\0name`, each read once. */
async function byName<T>(
  kept: Map<string, T | undefined>,
  named: Named[],
  read: (unread: Named[]) => Promise<Map<string, T>>,
): Promise<Map<string, T>> {
  const unread = new Map(
    named.filter(n => !kept.has(namedKey(n))).map(n => [namedKey(n), n]),
  );
  if (unread.size > 0) {
    const found = await read([...unread.values()]);
    for (const key of unread.keys()) kept.set(key, found.get(key));
  }
  const answers = new Map<string, T>();
  for (const n of named) {
    const answer = kept.get(namedKey(n));
    if (answer !== undefined) answers.set(namedKey(n), answer);
  }
  return answers;
}
