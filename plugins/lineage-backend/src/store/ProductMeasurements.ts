import { Knex } from 'knex';
import { searchNamespaceSpellings } from '@meshwork/plugin-data-products-common';
import { asRecord, Named, namedKey } from './facetValues';
import { chunks, idsIn, isPostgres, toNumber } from './tables';
import { ReadWindow } from './ReadWindow';
import { LineageReader } from './LineageReader';
import { SymlinkFold } from './symlinkFolds';
import { sameSpellingIds, spelledDatasetIds } from './spelledDatasetIds';
import {
  lastWritten,
  symlinkAliases,
  symlinkedDatasetIds,
} from './symlinkedDatasetIds';
import { wroteData } from './wroteData';
import { symlinkNames } from './symlinkNames';
import { symlinkedBy } from './symlinkedBy';
import { portsWrittenBeside } from './portsWrittenBeside';
import { inputsOfWriters } from './inputsOfWriters';
import { inputsOfNamedJobs } from './inputsOfNamedJobs';
import { successfulWrites, SuccessfulWritesOptions } from './successfulWrites';
import { lastSuccessfulWrites } from './lastSuccessfulWrites';
import { streamingWrites } from './streamingWrites';
import type { Span } from './streamSpan';
import { Emptying, lastEmptying } from './lastEmptying';
import { latestQuality } from './latestQuality';
import { ReportedColumn, writtenSchema } from './writtenSchema';

/** The per-dataset facts SLOs and product lineage are measured from. */
export class ProductMeasurements {
  private readonly reader: LineageReader;

  constructor(private readonly db: Knex) {
    this.reader = new LineageReader(db);
  }

  /**
   * Row ids of stored datasets, by `namespace\0name`: the dataset of that
   * name in any spelling of its namespace (see spelledDatasetIds; of
   * several, the first some job has written), else one known by that name
   * in its `symlinks` facet (of several, the one `symlinkedDatasetIds`
   * picks). A dataset of that name no job has written gives way to such a
   * one that a job has: a query or a crawler reports a table by its name
   * while Spark writes its files by path.
   */
  async datasetIds(
    datasets: Array<{ namespace: string; name: string }>,
    /** namedDatasetIds of `datasets`, when the caller has read them. */
    named?: Map<string, number[]>,
  ): Promise<Map<string, number>> {
    const spelled = named ?? (await spelledDatasetIds(this.db, datasets));
    const written = await lastWritten(this.db, [
      ...new Set([...spelled.values()].flat()),
    ]);
    const ids = new Map<string, number>();
    spelled.forEach((candidates, key) =>
      ids.set(key, candidates.find(id => written.has(id)) ?? candidates[0]),
    );
    const unwritten = datasets.filter(d => {
      const id = ids.get(namedKey(d));
      return id === undefined || !written.has(id);
    });
    if (unwritten.length > 0) {
      const linked = await symlinkedDatasetIds(this.db, unwritten);
      const linkedWritten = await lastWritten(this.db, [
        ...new Set(linked.values()),
      ]);
      linked.forEach((id, key) => {
        if (!ids.has(key) || linkedWritten.has(id)) ids.set(key, id);
      });
    }
    return ids;
  }

  /**
   * Datasets lineage knows by a name that differs from `dataset`'s only in
   * case (a port declared `analytics.orders` of a table Snowflake reports as
   * `ANALYTICS.ORDERS`), under any spelling of its namespace, a few at most.
   * Read only for a port lineage has not seen: on Postgres the names'
   * trigram index serves it, where there is one; SQLite scans, folding
   * ASCII letters only.
   */
  async namesDifferingInCase(dataset: {
    namespace: string;
    name: string;
  }): Promise<Array<{ namespace: string; name: string }>> {
    // The name is text to find, not a pattern: its % and _ match themselves.
    const escaped = dataset.name.replace(/[\\%_]/g, c => `\\${c}`);
    return this.db('lineage_datasets')
      .whereRaw(
        `name ${isPostgres(this.db) ? 'ilike' : 'like'} ? escape '\\'`,
        [escaped],
      )
      .where(builder => {
        for (const spelling of searchNamespaceSpellings(dataset.namespace)) {
          builder.orWhereRaw('lower(namespace) = ?', [spelling]);
        }
      })
      .orderBy(['namespace', 'name'])
      .limit(3)
      .select('namespace', 'name');
  }

  /**
   * Row ids of the datasets stored under these names, in any spelling of
   * their namespaces, by `namespace\0name` (see spelledDatasetIds).
   */
  async namedDatasetIds(
    datasets: Array<{ namespace: string; name: string }>,
  ): Promise<Map<string, number[]>> {
    return spelledDatasetIds(this.db, datasets);
  }

  /**
   * Each dataset's ids under every name its table is stored by, its own
   * first (see symlinkAliases): a port's writes, streams and quality
   * reports are read from all of them.
   */
  async sameTableIds(datasetIds: number[]): Promise<Map<number, number[]>> {
    // Of each spelling of its namespace too: one producer may report the
    // table as `postgres://host`, another as `postgres://host:5432`.
    const spellings = await sameSpellingIds(this.db, datasetIds);
    const aliases = await symlinkAliases(this.db, [
      ...new Set([...datasetIds, ...[...spellings.values()].flat()]),
    ]);
    return new Map(
      datasetIds.map(id => [
        id,
        [
          ...new Set(
            (spellings.get(id) ?? [id]).flatMap(
              spelling => aliases.get(spelling)!,
            ),
          ),
        ],
      ]),
    );
  }

  /**
   * The names of stored datasets' `symlinks` facets (see {@link symlinkNames}).
   */
  async symlinkNames(
    datasets: Array<{ namespace: string; name: string }>,
  ): Promise<
    Map<
      string,
      { id: number; names: Array<{ namespace: string; name: string }> }
    >
  > {
    return symlinkNames(this.db, datasets);
  }

  /**
   * The datasets whose `symlinks` facet names each of `datasets`
   * (see {@link symlinkedBy}).
   */
  async symlinkedBy(
    datasets: Array<{ namespace: string; name: string }>,
  ): Promise<Map<string, Array<{ namespace: string; name: string }>>> {
    return symlinkedBy(this.db, datasets);
  }

  /**
   * The folds of those of `datasetIds` that are one table with others
   * through `symlinks` facets, however far along a chain (see
   * LineageReader.foldsOf): none read in a database holding no symlink.
   */
  async symlinkFolds(datasetIds: number[]): Promise<Map<number, SymlinkFold>> {
    return this.reader.foldsOf(datasetIds);
  }

  /** The ports written beside each dataset (see {@link portsWrittenBeside}). */
  async portsWrittenBeside(
    datasetIds: number[],
    portIds: number[],
    window: ReadWindow,
  ): Promise<Map<number, Set<number>>> {
    return portsWrittenBeside(this.db, datasetIds, portIds, window);
  }

  /** Which of the datasets some job was seen writing, by `seenBy`. */
  async writtenDatasets(
    datasetIds: number[],
    { seenBy }: ReadWindow,
  ): Promise<Set<number>> {
    const written = new Set<number>();
    for (const part of chunks(datasetIds, 300)) {
      const rows = await this.db('lineage_io')
        .where('direction', 'out')
        .whereIn('dataset_id', part)
        .where('last_seen', '<=', seenBy)
        .distinct('dataset_id');
      rows.forEach(row => written.add(toNumber(row.dataset_id)));
    }
    return written;
  }

  /** What the jobs writing each dataset read (see {@link inputsOfWriters}). */
  async inputsOfWriters(
    datasetIds: number[],
    window: ReadWindow,
    exceptWritersOf: number[] = [],
  ): Promise<Map<number, Set<number>>> {
    return inputsOfWriters(this.db, datasetIds, window, exceptWritersOf);
  }

  /** What the jobs named so read (see {@link inputsOfNamedJobs}). */
  async inputsOfNamedJobs(
    jobs: Named[],
    window: ReadWindow,
  ): Promise<Map<string, Set<number>>> {
    return inputsOfNamedJobs(this.db, this.reader, jobs, window);
  }

  /**
   * A dataset's successful writes since a time (see {@link successfulWrites}).
   */
  async successfulWrites(
    datasetIds: number[],
    since: number,
    options: SuccessfulWritesOptions = {},
  ) {
    return successfulWrites(this.db, datasetIds, since, options);
  }

  /**
   * When each dataset was last written successfully
   * (see {@link lastSuccessfulWrites}).
   */
  async lastSuccessfulWrites(
    datasetIds: number[],
  ): Promise<Map<number, number>> {
    return lastSuccessfulWrites(this.db, datasetIds);
  }

  /**
   * What streaming runs have written to a dataset
   * (see {@link streamingWrites}).
   */
  async streamingWrites(datasetIds: number[], since: number): Promise<Span[]> {
    return streamingWrites(this.db, datasetIds, since);
  }

  /** The latest change that emptied a dataset (see {@link lastEmptying}). */
  async lastEmptying(
    datasetIds: number[],
    after: number,
    seenBy: number,
  ): Promise<Emptying | undefined> {
    return lastEmptying(this.db, datasetIds, after, seenBy);
  }

  /**
   * When the first run that failed to write a dataset (FAIL or ABORT,
   * naming it as an output) ended: as reported, but no later than received,
   * as successfulWrites dates writes.
   */
  async firstFailedWrite(datasetIds: number[]): Promise<number | undefined> {
    const row = await this.db('lineage_run_io as io')
      .join('lineage_runs as r', 'r.run_id', 'io.run_id')
      .where(idsIn(isPostgres(this.db), 'io.dataset_id', datasetIds))
      .where('io.direction', 'out')
      .where(wroteData('io'))
      .whereIn('r.state', ['FAIL', 'ABORT'])
      .first(
        this.db.raw(
          'min(case when r.ended_at is not null and r.ended_at < r.updated_at then r.ended_at else r.updated_at end) as failed',
        ),
      );
    return row?.failed === null || row?.failed === undefined
      ? undefined
      : toNumber(row.failed);
  }

  /**
   * The newest data-quality reports of a dataset (see {@link latestQuality}).
   */
  async latestQuality(
    datasetIds: number[],
    seenBy: number,
    reportedSince = -Infinity,
  ) {
    return latestQuality(this.db, datasetIds, seenBy, reportedSince);
  }

  /**
   * The columns a dataset's latest write reported (see {@link writtenSchema}).
   */
  async writtenSchema(
    datasetIds: number[],
    seenBy: number,
  ): Promise<ReportedColumn[] | undefined> {
    return writtenSchema(this.db, datasetIds, seenBy);
  }

  /**
   * The columns of the dataset's current `schema` facet, whoever reported
   * it; none if it was set by an event dated after `seenBy`, as in
   * writtenSchema.
   */
  async currentSchema(datasetId: number, seenBy: number) {
    const [rows, times] = await Promise.all([
      this.db('lineage_dataset_fields')
        .where('dataset_id', datasetId)
        .select('field', 'type'),
      this.db('lineage_dataset_facet_times')
        .where('id', datasetId)
        .first('facet_times'),
    ]);
    const schemaTime = times
      ? asRecord(JSON.parse(times.facet_times)).schema
      : undefined;
    if (typeof schemaTime === 'number' && schemaTime > seenBy) {
      return undefined;
    }
    return rows.length
      ? rows.map(r => ({
          name: r.field as string,
          type: (r.type as string | null) ?? undefined,
        }))
      : undefined;
  }
}
