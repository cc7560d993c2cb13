import { asRecord, isString } from './facetValues';

/** A job's data-quality report as stored: its time and facet. */
export type QualityReportRow = {
  time: number | string;
  value: Record<string, unknown>;
  /**
   * The rows its run read or wrote there (its input or output statistics),
   * if known: the rows a check reading the table, or a load, went over.
   */
  runRowCount?: number;
};

/** Several jobs' reports as one, dated as the newest. */
export type MergedReport = { time: number | string; value: any };

/**
 * Each job's newest `dataQualityAssertions` together: of one test, the
 * newest report's (all of them, as one suite may check a column twice
 * alike: two patterns, say). A test is known by its `name` when given
 * (two `accepted_values` tests of one column are two tests), else by its
 * assertion and column. `reports` newest first.
 */
export function mergeAssertions(
  reports: QualityReportRow[],
): MergedReport | undefined {
  if (reports.length === 0) return undefined;
  const merged: unknown[] = [];
  const reported = new Set<string>();
  for (const { value } of reports) {
    const { assertions } = value;
    const ofThisReport = new Set<string>();
    for (const assertion of Array.isArray(assertions) ? assertions : []) {
      const key = testKey(asRecord(assertion));
      if (reported.has(key)) continue;
      ofThisReport.add(key);
      merged.push(assertion);
    }
    ofThisReport.forEach(key => reported.add(key));
  }
  return { time: reports[0].time, value: { assertions: merged } };
}

/** One key per test: a name, or an assertion and a column, never alike. */
function testKey({ assertion, column, name }: Record<string, unknown>) {
  return isString(name)
    ? JSON.stringify([name])
    : JSON.stringify([assertion, column]);
}

/**
 * Each job's newest `dataQualityMetrics` together: each metric of each
 * column from the newest report measuring it (column names compared
 * case-insensitively, as engines differ), so that a suite counting a
 * column's distinct values does not hide another's count of its nulls;
 * with the row count of that report as `reportRowCounts[metric]` (else the
 * rows its run read or wrote there, as a report beside those statistics
 * often counts none; null if neither is known), so that a rate is of the
 * rows it was measured over; the dataset's row count from the newest report
 * giving one, so counted. `reports` newest first.
 */
export function mergeMetrics(
  reports: QualityReportRow[],
): MergedReport | undefined {
  if (reports.length === 0) return undefined;
  // Entries, not assignments: a column or metric may be named `__proto__`.
  const columns = new Map<
    string,
    {
      name: string;
      metrics: Map<string, unknown>;
      reportRowCounts: Map<string, number | null>;
    }
  >();
  let rowCount: number | undefined;
  for (const { value, runRowCount } of reports) {
    const reportRowCount =
      typeof value.rowCount === 'number' ? value.rowCount : runRowCount ?? null;
    rowCount ??= reportRowCount ?? undefined;
    for (const [name, metrics] of Object.entries(
      asRecord(value.columnMetrics),
    )) {
      const key = name.toLowerCase();
      const column = columns.get(key) ?? {
        name,
        metrics: new Map(),
        reportRowCounts: new Map(),
      };
      columns.set(key, column);
      for (const [metric, measured] of Object.entries(asRecord(metrics))) {
        if (column.metrics.has(metric)) continue;
        column.metrics.set(metric, measured);
        column.reportRowCounts.set(metric, reportRowCount);
      }
    }
  }
  const columnMetrics = [...columns.values()].map(
    ({ name, metrics, reportRowCounts }) => [
      name,
      {
        ...Object.fromEntries(metrics),
        reportRowCounts: Object.fromEntries(reportRowCounts),
      },
    ],
  );
  return {
    time: reports[0].time,
    value: { rowCount, columnMetrics: Object.fromEntries(columnMetrics) },
  };
}
