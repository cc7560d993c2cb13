import {
  matchesContractType,
  matchesLogicalType,
  roundJudgedAlike,
} from '@meshwork/plugin-data-products-common';
import type {
  FreshnessMeasure,
  QualityMeasure,
  QualityRuleSpec,
  SchemaDriftMeasure,
  SloStatus,
  VolumeMeasure,
} from '@meshwork/plugin-lineage-common';
import { cutCodeUnits } from '../../cutCodeUnits';
import type { ReportedColumn } from '../../store/writtenSchema';
import type { ContractColumn } from './contractColumns';

/**
 * A drop of a port's dataset: when, and by which job and run (none for a
 * dataset event).
 */
export type Drop = {
  time: number;
  job?: { namespace: string; name: string };
  runId?: string;
  renamedTo?: { namespace: string; name: string };
};

function portDrop({
  time,
  job,
  runId,
  renamedTo,
}: Drop): NonNullable<FreshnessMeasure['dropped']> {
  return {
    at: new Date(time).toISOString(),
    ...(job ? { job } : {}),
    ...(runId ? { runId } : {}),
    ...(renamedTo ? { renamedTo } : {}),
  };
}

/**
 * Freshness from the end times of successful runs that wrote the dataset:
 * fresh while the last write is at most `maxDelayMs` old. Attainment is the
 * share of the window covered by [write, write + maxDelay] intervals; a
 * dataset first written inside the window is measured from that first write,
 * since nothing says it was late before it existed, or from the first run
 * that failed to write it (`firstFailedWrite`) if earlier, as one never
 * written is. So `writes` must hold
 * the last write before the window too, where there is one: without it, a
 * dataset that went stale long ago would look new. A dataset never written
 * successfully is late once `maxDelayMs` has passed since the first run
 * that failed to write it (`firstFailedWrite`), and unknown before and
 * without one: a dataset only read, or written by batch runs still going,
 * says nothing of its writer. A stream writes all along: each of `streams`
 * covers from its start to its latest write, as if written at every moment.
 * A `drop` of the dataset ends what the writes before it covered; later
 * than the last, the port holds no data: breached, saying so.
 */
export function measureFreshness(
  writes: number[],
  maxDelayMs: number,
  windowMs: number,
  now: number,
  objective?: number,
  firstFailedWrite?: number,
  streams: Array<{ from: number; to: number }> = [],
  drop?: Drop,
): FreshnessMeasure {
  // A run that ended after `now` (a producer's clock ahead) ended now.
  const spans = [...writes.map(w => ({ from: w, to: w })), ...streams]
    .map(({ from, to }) => ({
      from: Math.min(from, now),
      to: Math.min(to, now),
    }))
    .sort((a, b) => a.from - b.from);
  const last = spans.reduce<number | undefined>(
    (latest, { to }) => (latest === undefined || to > latest ? to : latest),
    undefined,
  );
  if (last === undefined) {
    if (
      firstFailedWrite === undefined ||
      now - firstFailedWrite <= maxDelayMs
    ) {
      return {
        status: 'unknown',
        maxDelayMs,
        windowMs,
        objective,
        attainmentStatus: 'unknown',
      };
    }
    // Fresh only for the delay the first attempt was allowed.
    const start = Math.max(now - windowMs, firstFailedWrite);
    const attainment =
      Math.max(0, firstFailedWrite + maxDelayMs - start) / (now - start);
    return {
      status: 'breached',
      maxDelayMs,
      firstFailedWrite: new Date(firstFailedWrite).toISOString(),
      attainment: roundJudgedAlike(attainment, 4, { atLeast: objective }),
      windowMs,
      objective,
      attainmentStatus:
        objective === undefined || attainment >= objective ? 'met' : 'breached',
    };
  }
  // Failing before its first write, it was late as one never written is.
  const covering =
    firstFailedWrite !== undefined && firstFailedWrite < spans[0].from
      ? [{ from: firstFailedWrite, to: firstFailedWrite }, ...spans]
      : spans;
  const start = Math.max(now - windowMs, covering[0].from);
  let covered = 0;
  let coveredUntil = start;
  for (const span of covering) {
    const from = Math.max(span.from, coveredUntil);
    const to = Math.min(
      span.to + maxDelayMs,
      drop && span.to < drop.time ? drop.time : now,
      now,
    );
    if (to > from) {
      covered += to - from;
      coveredUntil = to;
    }
  }
  const measuredMs = now - start;
  const attainment = measuredMs > 0 ? covered / measuredMs : 1;
  const dropped = drop && drop.time > last ? portDrop(drop) : undefined;
  return {
    status: now - last <= maxDelayMs && !dropped ? 'met' : 'breached',
    maxDelayMs,
    lastSuccessfulWrite: new Date(last).toISOString(),
    ageMs: now - last,
    ...(dropped ? { dropped } : {}),
    attainment: roundJudgedAlike(attainment, 4, { atLeast: objective }),
    windowMs,
    objective,
    attainmentStatus:
      objective === undefined || attainment >= objective ? 'met' : 'breached',
  };
}

/**
 * The latest write's row count against the average of the earlier ones in
 * the window by the same writer, if it has any, else by any: an hourly
 * append and a nightly compaction of one table load rows of different
 * sizes, and each would read out of band against the other's. A latest
 * write that reported no row count, by a writer that counted its rows
 * before, leaves volume unknown: judging an older load instead would call a
 * feed steady that may have stopped. A writer that never counts (a
 * compaction, say) is left out. Nor is any count from before the latest
 * drop or truncate (`emptiedAt`): those rows are gone, so writes since
 * that counted none, by any writer, leave volume unknown.
 */
export function measureVolume(
  writes: Array<{ time: number; rowCount?: number; writer?: number }>,
  band: { minRatio: number; maxRatio: number },
  {
    drop,
    emptiedAt,
    streamed,
  }: { drop?: Drop; emptiedAt?: number; streamed?: boolean } = {},
): VolumeMeasure {
  // Dropped, it holds no rows: what the writes before loaded is gone.
  if (drop) {
    return { status: 'breached', band, samples: 0, dropped: portDrop(drop) };
  }
  if (streamed && writes.length === 0) {
    return { status: 'unknown', band, samples: 0, streamed };
  }
  const counted = writes
    .flatMap(({ rowCount, ...w }) =>
      rowCount === undefined ? [] : [{ ...w, rowCount }],
    )
    .sort((a, b) => a.time - b.time);
  if (emptiedAt !== undefined && !counted.some(w => w.time >= emptiedAt)) {
    const since = writes
      .filter(w => w.time >= emptiedAt)
      .reduce((last, w) => Math.max(last, w.time), -Infinity);
    if (since > -Infinity) {
      return {
        status: 'unknown',
        band,
        samples: counted.length,
        uncountedWrite: { endedAt: new Date(since).toISOString() },
      };
    }
  }
  const counting = new Set(counted.map(w => w.writer));
  // Of writes at one time, a counted one is the latest.
  const latestWrite = writes
    .filter(w => counting.has(w.writer))
    .reduce<(typeof writes)[number] | undefined>(
      (latest, w) =>
        latest &&
        (latest.time > w.time ||
          (latest.time === w.time && latest.rowCount !== undefined))
          ? latest
          : w,
      undefined,
    );
  if (latestWrite && latestWrite.rowCount === undefined) {
    const before = counted.filter(w => w.writer === latestWrite.writer);
    return {
      status: 'unknown',
      band,
      samples: counted.length,
      uncountedWrite: {
        endedAt: new Date(latestWrite.time).toISOString(),
        rowCountBefore: before[before.length - 1]?.rowCount,
      },
    };
  }
  const latest = counted[counted.length - 1];
  const bySameWriter = counted.filter(w => w.writer === latest?.writer);
  const sorted = bySameWriter.length > 1 ? bySameWriter : counted;
  const earlier = sorted.slice(0, -1);
  if (!latest || earlier.length === 0) {
    return {
      status: 'unknown',
      latestRowCount: latest?.rowCount,
      band,
      samples: sorted.length,
    };
  }
  const average =
    earlier.reduce((sum, s) => sum + s.rowCount, 0) / earlier.length;
  // An average of no rows gives no ratio. Rows after none are outside any
  // band, and so is none after none unless the band allows a load of none
  // (a minRatio of 0): a window of empty loads says the feed stopped, not
  // that it is steady.
  const ratio = average > 0 ? latest.rowCount / average : undefined;
  const inBand =
    ratio === undefined
      ? latest.rowCount === 0 && band.minRatio === 0
      : ratio >= band.minRatio && ratio <= band.maxRatio;
  return {
    status: inBand ? 'met' : 'breached',
    latestRowCount: latest.rowCount,
    averageRowCount: Math.round(average),
    ratio:
      ratio === undefined
        ? undefined
        : roundJudgedAlike(ratio, 3, {
            atLeast: band.minRatio,
            atMost: band.maxRatio,
          }),
    band,
    samples: sorted.length,
  };
}

/** The latest reported schema against the contract's columns, nested ones too. */
export function measureSchemaDrift(
  observed: ReportedColumn[] | undefined,
  contract: ContractColumn[],
): SchemaDriftMeasure {
  const drift: SchemaDriftMeasure = {
    status: 'unknown',
    missingColumns: [],
    typeChanges: [],
    extraColumns: [],
  };
  if (!observed || contract.length === 0) return drift;
  compareColumns(observed, contract, '', drift);
  const breached = drift.missingColumns.length || drift.typeChanges.length;
  return { ...drift, status: breached ? 'breached' : 'met' };
}

/**
 * Adds to `drift` how `observed` differs from `contract`, at the level of
 * nesting `prefix` names (`address.`). A struct's fields are compared only
 * where both sides give them: a producer that reports a struct as one
 * column says nothing of its fields.
 */
function compareColumns(
  observed: ReportedColumn[],
  contract: ContractColumn[],
  prefix: string,
  drift: SchemaDriftMeasure,
) {
  const seen = new Map(observed.map(f => [f.name.toLowerCase(), f]));
  const declared = new Set(contract.map(c => c.name.toLowerCase()));
  for (const column of contract) {
    const name = `${prefix}${column.name}`;
    const field = seen.get(column.name.toLowerCase());
    if (!field) {
      drift.missingColumns.push(name);
      continue;
    }
    const declaredType = column.physicalType ?? column.logicalType;
    if (
      declaredType &&
      field.type &&
      !matchesDeclaredType(column, field.type)
    ) {
      drift.typeChanges.push({
        column: name,
        contract: declaredType,
        observed: field.type,
      });
    }
    if (column.properties && field.fields) {
      compareColumns(field.fields, column.properties, `${name}.`, drift);
    }
  }
  // One at a time, not as arguments: a producer may report more columns
  // than a call takes.
  for (const field of observed) {
    if (!declared.has(field.name.toLowerCase())) {
      drift.extraColumns.push(`${prefix}${field.name}`);
    }
  }
}

/** A type it cannot judge (an unknown one, against a logical type) matches. */
function matchesDeclaredType(column: ContractColumn, observed: string) {
  if (column.physicalType) {
    return matchesContractType(column.physicalType, observed);
  }
  return column.logicalType
    ? matchesLogicalType(column.logicalType, observed) !== false
    : true;
}

function withinBounds(
  value: number | undefined,
  { min, max, minExclusive, maxExclusive }: QualityRuleSpec,
): SloStatus {
  if (value === undefined) return 'unknown';
  const underMax =
    max === undefined || (maxExclusive ? value < max : value <= max);
  const overMin =
    min === undefined || (minExclusive ? value > min : value >= min);
  return underMax && overMin ? 'met' : 'breached';
}

/** The latest `dataQualityMetrics` and `dataQualityAssertions` of a dataset, and when each came. */
export type QualityReport = {
  /** The later of the two. */
  time: number;
  metrics?: any;
  /** When the metrics came; `time` if not given. */
  metricsTime?: number;
  assertions?: any;
  /** When the assertions came; `time` if not given. */
  assertionsTime?: number;
};

/**
 * `dataQualityMetrics` and `dataQualityAssertions` against the product's
 * rules. Metrics or assertions reported before `reportedSince` (the start
 * of the SLO window, or of the freshness delay if longer) judge nothing:
 * the checks may have stopped running.
 */
export function measureQuality(
  latest: QualityReport | undefined,
  rules: QualityRuleSpec[],
  reportedSince = -Infinity,
): QualityMeasure {
  const before = (time: number | undefined) =>
    latest !== undefined && (time ?? latest.time) < reportedSince;
  const metricsStale = before(latest?.metricsTime);
  const assertionsStale = before(latest?.assertionsTime);
  const metrics = latest?.metrics ?? {};
  const rowCount =
    typeof metrics.rowCount === 'number' ? metrics.rowCount : undefined;
  // Engines differ in the case they report column names in (Snowflake:
  // upper), so rules match them as schema drift does, case-insensitively.
  const columns = new Map<string, any>(
    Object.entries(metrics.columnMetrics ?? {}).map(([name, value]) => [
      name.toLowerCase(),
      value,
    ]),
  );
  const measured = rules.map(rule => {
    const column = columns.get(rule.column.toLowerCase()) ?? {};
    const nullCount =
      typeof column.nullCount === 'number' ? column.nullCount : undefined;
    // Rates are of the rows a metric was measured over: its report's, when
    // several jobs' reports were merged (none, if it gave none).
    const rowsOf = (metric: string): number | undefined => {
      const counts = column.reportRowCounts;
      return counts && Object.hasOwn(counts, metric)
        ? counts[metric] ?? undefined
        : rowCount;
    };
    const nullRows = rowsOf('nullCount');
    const distinctRows = rowsOf('distinctCount');
    const distinctCount =
      typeof column.distinctCount === 'number'
        ? column.distinctCount
        : undefined;
    // A distinct count leaves nulls out (SQL's count(distinct)), so
    // duplicates are counted among the non-null values: of the same rows.
    // Nulls not counted over those rows, a row beyond the distinct values
    // may be a null or a repeat: duplicates are unknown, unless no row is
    // beyond them (a column all distinct).
    let nullsCounted: number | undefined;
    if (nullCount !== undefined && nullRows === distinctRows) {
      nullsCounted = nullCount;
    } else if (
      distinctCount !== undefined &&
      distinctRows !== undefined &&
      distinctCount >= distinctRows
    ) {
      nullsCounted = 0;
    }
    const nonNull =
      distinctRows === undefined || nullsCounted === undefined
        ? undefined
        : distinctRows - nullsCounted;
    const duplicateCount =
      nonNull !== undefined && distinctCount !== undefined
        ? Math.max(0, nonNull - distinctCount)
        : undefined;
    const values: Record<QualityRuleSpec['metric'], number | undefined> = {
      rowCount,
      nullCount,
      duplicateCount,
      nullRate:
        nullRows && nullCount !== undefined ? nullCount / nullRows : undefined,
      duplicateRate:
        distinctRows && duplicateCount !== undefined
          ? duplicateCount / Math.max(nonNull!, 1)
          : undefined,
    };
    const value = values[rule.metric];
    const status: SloStatus = metricsStale
      ? 'unknown'
      : withinBounds(value, rule);
    return { ...rule, value, status };
  });
  const assertions: any[] =
    !assertionsStale && Array.isArray(latest?.assertions?.assertions)
      ? latest!.assertions.assertions
      : [];
  const failed = assertions.filter(a => a && a.success === false);
  const failedAssertions = failed.filter(a => !isWarning(a)).map(reportedAs);
  const warnedAssertions = failed.filter(isWarning).map(reportedAs);
  // The older part's time, when it judges nothing.
  const staleTimes = [
    ...(metricsStale && latest?.metrics !== undefined
      ? [latest.metricsTime ?? latest.time]
      : []),
    ...(assertionsStale && latest?.assertions !== undefined
      ? [latest.assertionsTime ?? latest.time]
      : []),
  ];
  // Met only when every rule was measured: one the run did not report (or
  // a rate of an empty table) may be breached.
  let status: SloStatus = 'unknown';
  if (failedAssertions.length || measured.some(r => r.status === 'breached')) {
    status = 'breached';
  } else if (
    (assertions.length || measured.length) &&
    measured.every(r => r.status === 'met')
  ) {
    status = 'met';
  }
  return {
    status,
    measuredAt: latest ? new Date(latest.time).toISOString() : undefined,
    rules: measured,
    failedAssertions,
    ...(warnedAssertions.length ? { warnedAssertions } : {}),
    ...(staleTimes.length
      ? { staleReportedAt: new Date(Math.min(...staleTimes)).toISOString() }
      : {}),
  };
}

/**
 * Whether an assertion is configured to warn (dbt's `severity: warn`, whose
 * run succeeds all the same): failing, it breaches nothing.
 */
function isWarning(assertion: Record<string, unknown>): boolean {
  return (
    typeof assertion.severity === 'string' &&
    assertion.severity.toLowerCase() === 'warn'
  );
}

type FailedAssertion = QualityMeasure['failedAssertions'][number];

/** A failed assertion as its producer reported it, its text cut short. */
function reportedAs(assertion: Record<string, unknown>): FailedAssertion {
  return {
    // A failure is shown even when the producer did not name it.
    assertion: shownText(assertion.assertion) ?? 'unnamed assertion',
    column: shownText(assertion.column),
    name: shownText(assertion.name),
    severity: shownText(assertion.severity),
    expected: shownValue(assertion.expected),
    actual: shownValue(assertion.actual),
  };
}

/**
 * Characters of a producer's text an assertion shows: an `expected` may
 * list a whole set of accepted values, and the facet is stored whole.
 */
const MAX_SHOWN_CHARS = 256;

function shownText(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (value.length <= MAX_SHOWN_CHARS) return value;
  return `${cutCodeUnits(value, MAX_SHOWN_CHARS)}…`;
}

/** A measured or expected value: text, or a number as given. */
function shownValue(value: unknown): string | number | undefined {
  return typeof value === 'number' ? value : shownText(value);
}
