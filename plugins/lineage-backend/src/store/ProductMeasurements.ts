import { Knex } from 'knex';
import { createHash } from 'crypto';
import {
  datasetSpellingKey,
  searchNamespaceSpellings,
} from '@meshwork/plugin-data-products-common';
import {
  schemaFieldsOf,
  type SchemaFacetField,
} from '@meshwork/plugin-lineage-common';
import { asRecord, isContinuousJob, Named, namedKey } from './facetValues';
import { chunks, idsIn, isPostgres, toNumber } from './tables';
import { ReadWindow } from './ReadWindow';
import { groupBy } from '@meshwork/plugin-lineage-common';
import { idsByName } from './idsByName';
import { rowsByName } from './namedRows';
import { LineageReader } from './LineageReader';
import { sameSpellingIds, spelledDatasetIds } from './spelledDatasetIds';
import {
  lastWritten,
  symlinkAliases,
  symlinkedDatasetIds,
} from './symlinkedDatasetIds';
import {
  MergedReport,
  mergeAssertions,
  mergeMetrics,
  QualityReportRow,
} from './mergeQualityReports';

/** The hash a `schema` facet of no fields is kept by (see prepareEvent). */
const EMPTY_SCHEMA_HASH = createHash('sha256').update('[]').digest('hex');

/** How many of a stream's runs latestStreamSpan reads at a time. */
const STREAM_RUNS_READ_AT_ONCE = 50;
/** How many writes reporting a schema writtenSchema reads at a time. */
const SCHEMA_WRITES_READ_AT_ONCE = 20;
/** What streamSpan reads of a run and its write of a dataset. */
const STREAM_RUN_COLUMNS = [
  'r.state',
  'r.state_time',
  'r.started_at',
  'r.first_event_time',
  'r.ended_at',
  'r.active_time',
  'r.updated_at',
  'io.event_time',
  'io.written_until',
];

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
   * The stored datasets named as `datasets`, each with the names its
   * `symlinks` facet gives it, by `namespace\0name`.
   */
  async symlinkNames(
    datasets: Array<{ namespace: string; name: string }>,
  ): Promise<
    Map<
      string,
      { id: number; names: Array<{ namespace: string; name: string }> }
    >
  > {
    const ids = await idsByName(this.db, 'lineage_datasets', datasets);
    const parts: Array<
      Array<{ dataset_id: number; namespace: string; name: string }>
    > = [];
    for (const part of chunks([...ids.values()], 500)) {
      parts.push(
        await this.db('lineage_symlinks')
          .where(idsIn(isPostgres(this.db), 'dataset_id', part))
          .select('dataset_id', 'namespace', 'name'),
      );
    }
    // Joined once, not pushed as arguments: a dataset may have more names
    // than a call takes.
    const rows = parts.flat();
    const names = groupBy(
      rows,
      row => toNumber(row.dataset_id),
      row => ({ namespace: row.namespace as string, name: row.name as string }),
    );
    return new Map(
      [...ids].map(([key, id]) => [key, { id, names: names.get(id) ?? [] }]),
    );
  }

  /**
   * The datasets whose `symlinks` facet names each of `datasets` (a
   * table's files, by path), under any spelling of its namespace, by
   * `namespace\0name` as asked.
   */
  async symlinkedBy(
    datasets: Array<{ namespace: string; name: string }>,
  ): Promise<Map<string, Array<{ namespace: string; name: string }>>> {
    const asked = groupBy(datasets, datasetSpellingKey, namedKey);
    const links = (
      await rowsByName(
        this.db,
        'lineage_symlinks',
        'dataset_id',
        datasets.map(d => d.name),
      )
    ).flatMap(link =>
      (asked.get(datasetSpellingKey(link)) ?? []).map(key => ({
        id: link.id,
        key,
      })),
    );
    const names = new Map<number, { namespace: string; name: string }>();
    for (const part of chunks([...new Set(links.map(l => l.id))], 500)) {
      const rows = await this.db('lineage_datasets')
        .where(idsIn(isPostgres(this.db), 'id', part))
        .select('id', 'namespace', 'name');
      for (const row of rows) {
        names.set(toNumber(row.id), {
          namespace: row.namespace,
          name: row.name,
        });
      }
    }
    return groupBy(
      links.filter(link => names.has(link.id)),
      link => link.key,
      link => names.get(link.id)!,
    );
  }

  /**
   * Of `portIds`, those a job writing each of `datasetIds` also writes,
   * each write seen within `windowMs` of the other, and the dataset's within
   * `windowMs` of its newest write by any job: dataset → ports. Such a
   * dataset is an extra table of that port's product; one a job that has
   * since been replaced wrote beside a port is no longer. Each write counts
   * from when last seen by an event naming all its run's lineage (see
   * sinceWhole).
   */
  async portsWrittenBeside(
    datasetIds: number[],
    portIds: number[],
    { windowMs, seenBy }: ReadWindow,
  ): Promise<Map<number, Set<number>>> {
    const result = new Map<number, Set<number>>();
    if (portIds.length === 0) return result;
    const postgres = isPostgres(this.db);
    for (const part of chunks(datasetIds, 300)) {
      const rows = await this.db('lineage_io as d')
        .join('lineage_io as p', function onJob() {
          this.on('p.job_id', '=', 'd.job_id').andOnVal(
            'p.direction',
            '=',
            'out',
          );
        })
        .where('d.direction', 'out')
        .whereIn('d.dataset_id', part)
        .where(idsIn(postgres, 'p.dataset_id', portIds))
        .where('d.last_seen', '<=', seenBy)
        .where('p.last_seen', '<=', seenBy)
        .where('p.last_seen', '>=', sinceWhole(this.db, 'd', windowMs))
        .where('d.last_seen', '>=', sinceWhole(this.db, 'p', windowMs))
        .where(
          'd.last_seen',
          '>=',
          this.db('lineage_io as n')
            .whereRaw('?? = ??', ['n.dataset_id', 'd.dataset_id'])
            .where('n.direction', 'out')
            .where('n.last_seen', '<=', seenBy)
            .select(this.db.raw('max(??) - ?', ['n.last_seen', windowMs])),
        )
        .distinct('d.dataset_id as dataset', 'p.dataset_id as port');
      for (const row of rows) {
        const dataset = toNumber(row.dataset);
        const ports = result.get(dataset) ?? new Set<number>();
        ports.add(toNumber(row.port));
        result.set(dataset, ports);
      }
    }
    return result;
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

  /**
   * Which datasets the jobs writing each dataset read: output → inputs. Only
   * what is still read counts: a job seen writing the dataset within
   * `windowMs` of its newest write (by any job), and of that job's reads,
   * those seen within `windowMs` of its own newest write of it. A pipeline
   * that dropped a read, or was replaced by another job, so loses it once it
   * has run that long without it (as runs naming all their lineage tell, see
   * sinceWhole); one that stopped running keeps what it last read. Edges
   * seen only after `seenBy` (a producer's clock far ahead) are left out
   * until then, so that one such event cannot outdate every other writer.
   * Jobs also writing one of `exceptWritersOf` are left out.
   */
  async inputsOfWriters(
    datasetIds: number[],
    { windowMs, seenBy }: ReadWindow,
    exceptWritersOf: number[] = [],
  ): Promise<Map<number, Set<number>>> {
    const postgres = isPostgres(this.db);
    const result = new Map<number, Set<number>>();
    for (const part of chunks(datasetIds, 300)) {
      const newest = this.db('lineage_io')
        .where('direction', 'out')
        .whereIn('dataset_id', part)
        .where('last_seen', '<=', seenBy)
        .groupBy('dataset_id')
        .select('dataset_id')
        .max('last_seen as newest')
        .as('n');
      const rows = await this.db('lineage_io as w')
        .join(newest, 'n.dataset_id', 'w.dataset_id')
        .join('lineage_io as r', function onJob() {
          this.on('r.job_id', '=', 'w.job_id').andOnVal(
            'r.direction',
            '=',
            'in',
          );
        })
        .where('w.direction', 'out')
        .where('w.last_seen', '<=', seenBy)
        .where('r.last_seen', '<=', seenBy)
        .where('w.last_seen', '>=', this.db.raw('n.newest - ?', [windowMs]))
        .where('r.last_seen', '>=', sinceWhole(this.db, 'w', windowMs))
        .modify(query => {
          if (exceptWritersOf.length === 0) return;
          query.whereNotExists(
            this.db('lineage_io as x')
              .whereRaw('?? = ??', ['x.job_id', 'w.job_id'])
              .where('x.direction', 'out')
              .where('x.last_seen', '<=', seenBy)
              .where(idsIn(postgres, 'x.dataset_id', exceptWritersOf)),
          );
        })
        .distinct('w.dataset_id as output', 'r.dataset_id as input');
      for (const row of rows) {
        const inputs = result.get(row.output) ?? new Set<number>();
        inputs.add(row.input);
        result.set(row.output, inputs);
      }
    }
    return result;
  }

  /**
   * What the jobs named so read, each with its child jobs (a DAG's tasks),
   * by `namespace\0name`; a job lineage has not seen is absent. A family
   * reads what it was seen reading within `windowMs` of its newest read or
   * write, as inputsOfWriters counts a port's writers: a task dropped from
   * the DAG loses its reads once the DAG has run that long without it. That
   * newest is of runs naming all their lineage where there are any (see
   * sinceWhole): a run whose producer could not parse a statement has not
   * shown that the job stopped reading what it did.
   */
  async inputsOfNamedJobs(
    jobs: Named[],
    { windowMs, seenBy }: ReadWindow,
  ): Promise<Map<string, Set<number>>> {
    const families = await this.reader.jobsWithChildren(jobs);
    const ids = [...new Set([...families.values()].flat().map(job => job.id))];
    const postgres = isPostgres(this.db);
    const newest = new Map<number, { complete?: number; any: number }>();
    for (const part of chunks(ids, 300)) {
      const rows: Array<{ job_id: unknown; complete: unknown; any: unknown }> =
        await this.db('lineage_io')
          .where(idsIn(postgres, 'job_id', part))
          .where('last_seen', '<=', seenBy)
          .groupBy('job_id')
          .select('job_id')
          .max({ complete: 'complete_seen', any: 'last_seen' });
      for (const row of rows) {
        newest.set(toNumber(row.job_id), {
          complete: row.complete === null ? undefined : toNumber(row.complete),
          any: toNumber(row.any),
        });
      }
    }
    const since = new Map<string, number>();
    for (const [key, family] of families) {
      const seen = family.flatMap(job => newest.get(job.id) ?? []);
      if (seen.length === 0) continue;
      const complete = seen.flatMap(s => s.complete ?? []);
      since.set(
        key,
        (complete.length
          ? Math.max(...complete)
          : Math.max(...seen.map(s => s.any))) - windowMs,
      );
    }
    const reads = new Map<number, Array<{ dataset: number; seen: number }>>();
    if (since.size > 0) {
      const earliest = Math.min(...since.values());
      for (const part of chunks(ids, 300)) {
        const rows = await this.db('lineage_io')
          .where(idsIn(postgres, 'job_id', part))
          .where('direction', 'in')
          .where('last_seen', '<=', seenBy)
          .where('last_seen', '>=', earliest)
          .select('job_id', 'dataset_id', 'last_seen');
        for (const row of rows) {
          const jobId = toNumber(row.job_id);
          const list = reads.get(jobId) ?? [];
          list.push({
            dataset: toNumber(row.dataset_id),
            seen: toNumber(row.last_seen),
          });
          reads.set(jobId, list);
        }
      }
    }
    const result = new Map<string, Set<number>>();
    for (const [key, family] of families) {
      const from = since.get(key);
      if (from === undefined) continue;
      result.set(
        key,
        new Set(
          family.flatMap(job =>
            (reads.get(job.id) ?? [])
              .filter(read => read.seen >= from)
              .map(read => read.dataset),
          ),
        ),
      );
    }
    return result;
  }

  /**
   * Successful writes of a dataset, under any of `datasetIds` (its table's
   * names), since a time, oldest first, with run id, job, end time and row
   * count; `withLastBefore` adds the last one before that time. `newest`
   * keeps only that many of the latest, latest by the write's last event
   * time (its run's end when the COMPLETE event names the dataset, else when
   * an earlier event did), in that order. A run that wrote the table under
   * two of its names wrote it once, with the row count either reported.
   * Writes dated after `seenBy`, if given, are ahead of this clock and left
   * out, as in writtenSchema.
   */
  async successfulWrites(
    datasetIds: number[],
    since: number,
    options: {
      withLastBefore?: boolean;
      newest?: number;
      seenBy?: number;
    } = {},
  ) {
    const writes = (datasetId: number) =>
      this.db('lineage_run_io as io')
        .join('lineage_runs as r', 'r.run_id', 'io.run_id')
        .where({
          'io.dataset_id': datasetId,
          'io.direction': 'out',
          'r.state': 'COMPLETE',
        })
        .where(wroteData('io'))
        .modify(query => {
          if (options.seenBy !== undefined) {
            query.where('io.event_time', '<=', options.seenBy);
          }
        })
        .select(
          'r.run_id',
          'r.job_id',
          'r.ended_at',
          'r.updated_at',
          'io.row_count',
          'io.event_time',
        );
    // Each name on its own: read newest first in lineage_run_io_ds_idx, the
    // newest are read without sorting every write, which a list of names
    // would need.
    const { newest } = options;
    const readOf = (datasetId: number) =>
      newest === undefined
        ? writes(datasetId).where('r.ended_at', '>=', since)
        : writes(datasetId)
            .where('r.ended_at', '>=', since)
            .orderBy('io.event_time', 'desc')
            .limit(newest);
    // Ties by run id: the last is the latest write, whose job and run show.
    const byTime = (column: 'ended_at' | 'event_time') => (a: any, b: any) =>
      toNumber(a[column]) - toNumber(b[column]) ||
      (a.run_id < b.run_id ? -1 : Number(a.run_id > b.run_id));
    const found = onePerRun((await Promise.all(datasetIds.map(readOf))).flat());
    const rows =
      newest === undefined
        ? found.sort(byTime('ended_at'))
        : found.sort(byTime('event_time')).slice(-newest);
    if (options.withLastBefore) {
      const [before] = onePerRun(
        (
          await Promise.all(
            datasetIds.map(id =>
              writes(id)
                .where('r.ended_at', '<', since)
                .orderBy('r.ended_at', 'desc')
                .first(),
            ),
          )
        ).filter(Boolean),
      )
        .sort(byTime('ended_at'))
        .slice(-1);
      if (before) rows.unshift(before);
    }
    return rows.map(row => ({
      runId: row.run_id as string,
      jobId: toNumber(row.job_id),
      // As reported, but no later than received: a producer's clock ahead
      // (or local times without an offset, read as UTC) cannot keep a
      // dataset fresh until its times come round.
      time: Math.min(toNumber(row.ended_at), toNumber(row.updated_at)),
      rowCount: row.row_count === null ? undefined : toNumber(row.row_count),
    }));
  }

  /**
   * When each dataset was last written successfully, as successfulWrites'
   * `newest` picks and dates its newest write, by dataset id. One query
   * however many datasets (a graph's thousands), reading each dataset's
   * writes newest first in lineage_run_io_ds_idx up to the first by a
   * completed run. Only the time: joining the run back for more made
   * Postgres look each dataset up twice and hash every run.
   */
  async lastSuccessfulWrites(
    datasetIds: number[],
  ): Promise<Map<number, number>> {
    const newest = this.db('lineage_run_io as io')
      .join('lineage_runs as r', 'r.run_id', 'io.run_id')
      .whereRaw('?? = ??', ['io.dataset_id', 'd.id'])
      .where({ 'io.direction': 'out', 'r.state': 'COMPLETE' })
      .where(wroteData('io'))
      .orderBy('io.event_time', 'desc')
      .limit(1)
      .select(
        this.db.raw(
          'case when r.ended_at < r.updated_at then r.ended_at else r.updated_at end',
        ),
      );
    const rows = await this.db('lineage_datasets as d')
      .where(idsIn(isPostgres(this.db), 'd.id', datasetIds))
      .select('d.id', newest.as('written'));
    const times = new Map<number, number>();
    for (const row of rows) {
      if (row.written !== null) {
        times.set(toNumber(row.id), toNumber(row.written));
      }
    }
    return times;
  }

  /**
   * What streaming runs have written to a dataset: from each run's start to
   * its latest event naming the dataset as an output (no later than it was
   * received or ended), of those since a time, and the latest before it, as
   * successfulWrites' `withLastBefore` adds: without it, a stream silent for
   * longer than the window would read as never written. A stream (a job
   * whose `jobType` facet says STREAMING, as Flink's does) writes all along
   * and may never complete; its RUNNING events naming an output say it
   * writes. A batch run's do not: its output is not there until it
   * completes. A failed or aborted run wrote until its last event before
   * the failure naming the output, or its last START or RUNNING if later
   * (its failure says nothing of when it last wrote), and only if that came
   * after its start: a stream failing on start over and over must not read
   * fresh. One that has not failed writes until its latest event, naming
   * the output or not: Flink 2's checkpoint RUNNING events name no dataset,
   * only its START does.
   */
  async streamingWrites(datasetIds: number[], since: number): Promise<Span[]> {
    const streams = await this.streamWriters(datasetIds);
    if (streams.length === 0) return [];
    const runs = () =>
      this.db('lineage_run_io as io')
        .join('lineage_runs as r', 'r.run_id', 'io.run_id')
        // A list of parameters: SQLite reads json_each's ids after the
        // stream's runs, not lineage_run_io_ds_idx by dataset and time.
        .whereIn('io.dataset_id', datasetIds)
        .where('io.direction', 'out')
        .where(wroteData('io'))
        .whereIn('r.job_id', streams)
        .select(STREAM_RUN_COLUMNS);
    // Runs that named the output since, and those that named it only
    // before yet had events since (Flink 2's): a stream has few runs.
    const rows = [
      ...(await runs().where('io.event_time', '>=', since)),
      ...(await runs()
        .where('io.event_time', '<', since)
        .where('r.state_time', '>=', since)),
    ];
    const spans = rows.flatMap(row => streamSpan(row) ?? []);
    const before = await this.latestStreamSpan(() =>
      runs()
        .where('io.event_time', '<', since)
        .where('r.state_time', '<', since),
    );
    return before ? [before, ...spans] : spans;
  }

  /**
   * Of the runs `runs` reads, the span that ends latest (see streamSpan).
   * They are read a few at a time, newest first by their latest event
   * (naming the output, or of their state), after which no span of theirs
   * ends, until none left can end later than one found: the newest runs of
   * a stream that failed on start over and over wrote nothing.
   */
  private async latestStreamSpan(
    runs: () => Knex.QueryBuilder,
  ): Promise<Span | undefined> {
    let latest: Span | undefined;
    for (let offset = 0; ; offset += STREAM_RUNS_READ_AT_ONCE) {
      const rows: Array<StreamRunRow & { last_event: unknown }> = await runs()
        .select(
          this.db.raw(
            'case when io.event_time > r.state_time then io.event_time else r.state_time end as last_event',
          ),
        )
        .orderBy([
          { column: 'last_event', order: 'desc' },
          { column: 'r.run_id', order: 'asc' },
        ])
        .offset(offset)
        .limit(STREAM_RUNS_READ_AT_ONCE);
      for (const row of rows) {
        const span = streamSpan(row);
        if (span && (!latest || span.to > latest.to)) latest = span;
      }
      const oldest = rows[rows.length - 1];
      if (
        rows.length < STREAM_RUNS_READ_AT_ONCE ||
        (latest && latest.to >= toNumber(oldest.last_event))
      ) {
        return latest;
      }
    }
  }

  /**
   * The jobs writing a dataset that are streams, each job's facets read
   * once: a dataset has few writers.
   */
  private async streamWriters(datasetIds: number[]): Promise<number[]> {
    const writers = await this.db('lineage_io as io')
      .join('lineage_jobs as j', 'j.id', 'io.job_id')
      .where(idsIn(isPostgres(this.db), 'io.dataset_id', datasetIds))
      .where('io.direction', 'out')
      .select('j.id', 'j.facets');
    return [
      ...new Set(
        writers
          .filter(writer => isContinuousJob(JSON.parse(writer.facets)))
          .map(writer => toNumber(writer.id)),
      ),
    ];
  }

  /**
   * The latest change that emptied a dataset, under any of `datasetIds`,
   * after `after` and by `seenBy`: a drop, or a truncate
   * loading no rows (see wroteData), by a completed run (dated as
   * successfulWrites dates writes, with its job), or by a dataset event,
   * as the dataset's own `lifecycleStateChange` facet says. That facet is
   * set by runs' events too: one set within a run that reported a change of
   * the dataset is that run's, whose state decides (a drop that failed
   * emptied nothing).
   */
  async lastEmptying(
    datasetIds: number[],
    after: number,
    seenBy: number,
  ): Promise<Emptying | undefined> {
    const postgres = isPostgres(this.db);
    const changes = () =>
      this.db('lineage_run_io as io')
        .join('lineage_runs as r', 'r.run_id', 'io.run_id')
        .where(idsIn(postgres, 'io.dataset_id', datasetIds))
        .where('io.direction', 'out')
        .whereIn('io.lifecycle_change', ['DROP', 'TRUNCATE']);
    const [byRuns, facets] = await Promise.all([
      changes()
        .join('lineage_jobs as j', 'j.id', 'r.job_id')
        .where('r.state', 'COMPLETE')
        .where(emptiedData('io'))
        .where('io.event_time', '>', after)
        .where('io.event_time', '<=', seenBy)
        .select(
          this.db.raw('coalesce(??, ??) as ??', [
            'io.lifecycle_state',
            'io.lifecycle_change',
            'change',
          ]),
          'io.run_id',
          'r.ended_at',
          'r.updated_at',
          'j.namespace',
          'j.name',
        ),
      this.db('lineage_datasets as d')
        .join('lineage_dataset_facet_times as t', 't.id', 'd.id')
        .where(idsIn(postgres, 'd.id', datasetIds))
        // Not every dataset's facets parsed, a schema of thousands of columns.
        .where('d.facets', 'like', '%"lifecycleStateChange"%')
        .select('d.facets', 't.facet_times'),
    ]);
    const emptyings: Emptying[] = byRuns.map(row => ({
      change: row.change,
      time: Math.min(toNumber(row.ended_at), toNumber(row.updated_at)),
      job: { namespace: row.namespace, name: row.name },
      runId: row.run_id,
    }));
    for (const row of facets) {
      const change = asRecord(
        asRecord(JSON.parse(row.facets)).lifecycleStateChange,
      ).lifecycleStateChange;
      const time = asRecord(JSON.parse(row.facet_times)).lifecycleStateChange;
      if (
        (change !== 'DROP' && change !== 'TRUNCATE') ||
        typeof time !== 'number' ||
        time <= after ||
        time > seenBy
      ) {
        continue;
      }
      const ofRun = await changes()
        .where('io.event_time', '>=', time)
        .where('r.first_event_time', '<=', time)
        .first('io.run_id');
      if (!ofRun) emptyings.push({ change, time });
    }
    return emptyings
      .filter(e => e.time > after)
      .reduce<Emptying | undefined>(
        (latest, e) => (latest && latest.time >= e.time ? latest : e),
        undefined,
      );
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
   * The newest data-quality metrics and assertions reported for a dataset,
   * each by when it was reported: a later event of the run that reports
   * neither does not make an older report the newest. Reports dated after
   * `seenBy` are ahead of this clock and left out: one dated years ahead
   * would stay the newest for years. Metrics and assertions are each job's
   * newest since `reportedSince`, together (of one column's metrics, or
   * one assertion on one column, the newest): checks often run as jobs of
   * their own, one per suite, and one suite passing, or measuring other
   * columns, does not undo another's failure.
   */
  async latestQuality(
    datasetIds: number[],
    seenBy: number,
    reportedSince = -Infinity,
  ) {
    const newest = (column: 'quality_metrics' | 'quality_assertions') =>
      this.db('lineage_run_io as io')
        .where(idsIn(isPostgres(this.db), 'dataset_id', datasetIds))
        .where(wroteData('io'))
        .whereNotNull(column)
        .where(`${column}_time`, '<=', seenBy)
        .orderBy(`${column}_time`, 'desc')
        .first(`${column}_time as time`, `${column} as value`);
    // None in the window: the newest, which judges nothing but says when.
    const newestOr = async (
      column: 'quality_metrics' | 'quality_assertions',
      merged: MergedReport | undefined,
    ): Promise<MergedReport | undefined> => {
      if (merged) return merged;
      const latest = await newest(column);
      return latest && { time: latest.time, value: JSON.parse(latest.value) };
    };
    const ofJobs = (column: 'quality_metrics' | 'quality_assertions') =>
      this.newestReportOfEachJob(datasetIds, column, seenBy, reportedSince);
    const metrics = await newestOr(
      'quality_metrics',
      mergeMetrics(await ofJobs('quality_metrics')),
    );
    const assertions = await newestOr(
      'quality_assertions',
      mergeAssertions(await ofJobs('quality_assertions')),
    );
    if (!metrics && !assertions) return undefined;
    const metricsTime = metrics ? toNumber(metrics.time) : undefined;
    const assertionsTime = assertions ? toNumber(assertions.time) : undefined;
    return {
      time: Math.max(metricsTime ?? -Infinity, assertionsTime ?? -Infinity),
      metrics: metrics?.value,
      metricsTime,
      assertions: assertions?.value,
      assertionsTime,
    };
  }

  /**
   * Each job's newest report in `column` on a dataset from `reportedSince`
   * to `seenBy`, newest first.
   */
  private async newestReportOfEachJob(
    datasetIds: number[],
    column: 'quality_metrics' | 'quality_assertions',
    seenBy: number,
    reportedSince: number,
  ): Promise<QualityReportRow[]> {
    const rows = await this.db('lineage_run_io as io')
      .join('lineage_runs as r', 'r.run_id', 'io.run_id')
      .where(idsIn(isPostgres(this.db), 'io.dataset_id', datasetIds))
      .where(wroteData('io'))
      .whereNotNull(`io.${column}`)
      .whereBetween(`io.${column}_time`, [
        Math.max(reportedSince, Number.MIN_SAFE_INTEGER),
        seenBy,
      ])
      .orderBy([
        { column: `io.${column}_time`, order: 'desc' },
        { column: 'io.run_id', order: 'desc' },
      ])
      .select(
        'r.job_id',
        `io.${column} as value`,
        `io.${column}_time as time`,
        'io.row_count',
      );
    const jobs = new Set<number>();
    return rows.flatMap(row => {
      if (jobs.has(row.job_id)) return [];
      jobs.add(row.job_id);
      return [
        {
          time: row.time,
          value: asRecord(JSON.parse(row.value)),
          runRowCount:
            row.row_count === null ? undefined : toNumber(row.row_count),
        },
      ];
    });
  }

  /**
   * The columns, with their nested fields, the latest successful write of a
   * dataset reported in its `schema` facet, or undefined if no write
   * reported one; writes dated after `seenBy` are ahead of this clock and
   * left out, as in latestQuality. A stream's run writes without completing
   * (see streamingWrites): what it reported of its output counts unless it
   * failed before writing. Of a table written under several names
   * (`datasetIds`), the latest write under any.
   */
  async writtenSchema(
    datasetIds: number[],
    seenBy: number,
  ): Promise<ReportedColumn[] | undefined> {
    const latest = (
      await Promise.all(
        datasetIds.map(id => this.latestSchemaWrite(id, seenBy)),
      )
    ).reduce<SchemaWrite | undefined>(
      (found, write) =>
        write && (!found || write.time > found.time) ? write : found,
      undefined,
    );
    // No columns says nothing of the schema, as with the current facet.
    return latest?.columns.length ? latest.columns : undefined;
  }

  /**
   * The latest write of one dataset that counts for writtenSchema, and its
   * columns. The writes are read a few at a time, newest first in
   * lineage_run_io_ds_idx, until one counts: usually the first, a completed
   * run.
   */
  private async latestSchemaWrite(
    datasetId: number,
    seenBy: number,
  ): Promise<SchemaWrite | undefined> {
    const streams = new Map<number, boolean>();
    const isStream = async (jobId: number) => {
      if (!streams.has(jobId)) {
        const job = await this.db('lineage_jobs')
          .where('id', jobId)
          .first('facets');
        streams.set(jobId, !!job && isContinuousJob(JSON.parse(job.facets)));
      }
      return streams.get(jobId)!;
    };
    /** Jobs found not to be streams: only their completed runs are read. */
    const batchJobs: number[] = [];
    let after: { event_time: number | string; run_id: string } | undefined;
    for (;;) {
      const page = after;
      const rows = await this.db('lineage_run_io as io')
        .join('lineage_runs as r', 'r.run_id', 'io.run_id')
        .join('lineage_schema_fields as f', 'f.fields_hash', 'io.schema_hash')
        .where({ 'io.dataset_id': datasetId, 'io.direction': 'out' })
        .where(wroteData('io'))
        .where(counts =>
          counts
            .where('r.state', 'COMPLETE')
            .orWhereNotIn('r.job_id', batchJobs),
        )
        .whereNotNull('io.schema_hash')
        .whereNot('io.schema_hash', EMPTY_SCHEMA_HASH)
        .where('io.event_time', '<=', seenBy)
        .modify(query => {
          // Past the last page's last row: rows that change meanwhile
          // cannot shift a page.
          if (page) {
            const { event_time: time, run_id: runId } = page;
            // The bound alone gives the index where to start.
            query
              .where('io.event_time', '<=', time)
              .where(older =>
                older
                  .where('io.event_time', '<', time)
                  .orWhere(tie =>
                    tie
                      .where('io.event_time', time)
                      .where('io.run_id', '>', runId),
                  ),
              );
          }
        })
        // The run's latest event, as the index has it: read newest first, it
        // stops at the first write that counts, usually the first read.
        .orderBy([
          { column: 'io.event_time', order: 'desc' },
          { column: 'io.run_id', order: 'asc' },
        ])
        .limit(SCHEMA_WRITES_READ_AT_ONCE)
        .select('f.fields', 'r.job_id', 'io.run_id', ...STREAM_RUN_COLUMNS);
      for (const row of rows) {
        const jobId = toNumber(row.job_id);
        // A batch run's output is there once it completes; a stream's run
        // writes without completing, unless it failed before writing.
        const counts =
          row.state === 'COMPLETE' ||
          ((await isStream(jobId)) && streamSpan(row) !== undefined);
        if (counts) {
          return {
            time: toNumber(row.event_time),
            // Stored as the facet's `fields`, as reported.
            columns: schemaFieldsOf({ fields: JSON.parse(row.fields) }),
          };
        }
        if (!streams.get(jobId) && !batchJobs.includes(jobId)) {
          batchJobs.push(jobId);
        }
      }
      if (rows.length < SCHEMA_WRITES_READ_AT_ONCE) return undefined;
      after = rows[rows.length - 1];
    }
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

/** A write's time (its last event's) and the columns it reported. */
type SchemaWrite = { time: number; columns: ReportedColumn[] };

/**
 * A change that left a dataset without data, when, and by which job and
 * run (none for a dataset event).
 */
export type Emptying = {
  change: 'DROP' | 'TRUNCATE';
  time: number;
  job?: Named;
  runId?: string;
};

/** A time a stream wrote throughout. */
type Span = { from: number; to: number };

/** The columns of a stream's run and its write of a dataset a span is read from. */
type StreamRunRow = {
  state: string;
  state_time: unknown;
  started_at: unknown;
  first_event_time: unknown;
  ended_at: unknown;
  active_time: unknown;
  updated_at: unknown;
  event_time: unknown;
  written_until: unknown;
};

/** What a stream's run wrote (see streamingWrites); undefined if nothing. */
function streamSpan(row: StreamRunRow): Span | undefined {
  const stateTime = toNumber(row.state_time);
  const failed = row.state === 'FAIL' || row.state === 'ABORT';
  const lastWrite = failed
    ? lastWriteBeforeFailure(row, stateTime)
    : Math.max(toNumber(row.event_time), stateTime);
  if (lastWrite === undefined) return undefined;
  const started = toNumber(row.started_at ?? row.first_event_time);
  const to = Math.min(
    lastWrite,
    toNumber(row.updated_at),
    row.ended_at === null ? Infinity : toNumber(row.ended_at),
  );
  if (failed && to <= started) return undefined;
  return { from: Math.min(started, to), to };
}

/**
 * When a failed stream last wrote: its last event before the failure that
 * named the output or was a START or RUNNING; undefined if none did.
 */
function lastWriteBeforeFailure(
  row: { written_until: unknown; active_time: unknown },
  failedAt: number,
): number | undefined {
  const times = [row.written_until, row.active_time]
    .filter(time => time !== null && time !== undefined)
    .map(time => toNumber(time))
    .filter(time => time <= failedAt);
  return times.length > 0 ? Math.max(...times) : undefined;
}

/** A column of a `schema` facet, with the fields of a struct. */
export type ReportedColumn = SchemaFacetField;

/**
 * One row of each run, of rows of its writes of a table under several
 * names: its latest event time under any, and a row count if any gave one.
 */
function onePerRun<
  T extends { run_id: string; row_count: unknown; event_time: unknown },
>(rows: T[]): T[] {
  const byRun = new Map<string, T>();
  for (const row of rows) {
    const kept = byRun.get(row.run_id);
    if (!kept) {
      byRun.set(row.run_id, { ...row });
      continue;
    }
    if (toNumber(row.event_time) > toNumber(kept.event_time)) {
      kept.event_time = row.event_time;
    }
    if (kept.row_count === null) kept.row_count = row.row_count;
  }
  return [...byRun.values()];
}

/**
 * Rows of lineage_run_io (as `alias`) that count as what their run did to
 * the dataset: a read, or a write of data. A run whose latest event naming
 * its output reported a drop, or a truncate with no rows counted, wrote
 * nothing (see lastChange); what it reported of the output describes no
 * data. One reporting a drop on START and none on COMPLETE wrote it.
 */
function wroteData(alias: string) {
  const change = lastChange(alias);
  return (builder: Knex.QueryBuilder) =>
    builder.whereRaw(
      `${change} is null or ${change} not in ('DROP', 'TRUNCATE') or (${change} = 'TRUNCATE' and ?? > 0)`,
      [`${alias}.row_count`],
    );
}

/** Rows of lineage_run_io (as `alias`) that wroteData leaves out. */
function emptiedData(alias: string) {
  const change = lastChange(alias);
  return (builder: Knex.QueryBuilder) =>
    builder.whereRaw(
      `${change} = 'DROP' or (${change} = 'TRUNCATE' and (?? is null or ?? <= 0))`,
      [`${alias}.row_count`, `${alias}.row_count`],
    );
}

/**
 * SQL for the lifecycle change the run's latest event naming the dataset
 * reported (`alias` a row of lineage_run_io): a drop on START undone by a
 * COMPLETE reporting none is no drop. Rows stored before that state was
 * kept have it null, and any drop or truncate in lifecycle_change.
 */
function lastChange(alias: string) {
  return `coalesce(${alias}.lifecycle_state, ${alias}.lifecycle_change)`;
}

/**
 * `windowMs` before the edge `alias` was last seen by an event naming all
 * its run's lineage, else before it was last seen: a run whose producer
 * could not parse a statement has not shown that its job stopped reading or
 * writing what that statement did.
 */
function sinceWhole(db: Knex, alias: string, windowMs: number) {
  return db.raw('coalesce(??, ??) - ?', [
    `${alias}.complete_seen`,
    `${alias}.last_seen`,
    windowMs,
  ]);
}
