import {
  mergeAssertions,
  mergeMetrics,
  QualityReportRow,
} from './mergeQualityReports';

/** A job's `dataQualityAssertions` report of `assertions`, at `time`. */
const reported = (time: number, ...assertions: object[]) => ({
  time,
  value: { assertions },
});

describe('mergeAssertions', () => {
  it("keeps each named test of one kind on one column, from each job's report", () => {
    // Two jobs, each with its own accepted_values test of status.
    const merged = mergeAssertions([
      reported(2, {
        assertion: 'accepted_values',
        name: 'accepted_values_orders_status__placed__shipped',
        column: 'status',
        success: true,
      }),
      reported(1, {
        assertion: 'accepted_values',
        name: 'accepted_values_orders_status__returned',
        column: 'status',
        success: false,
      }),
    ]);
    expect(merged?.value.assertions.map((a: any) => a.name)).toEqual([
      'accepted_values_orders_status__placed__shipped',
      'accepted_values_orders_status__returned',
    ]);
  });

  it('takes the newest report of one test, by its name when given, else by its kind and column', () => {
    const merged = mergeAssertions([
      reported(
        2,
        { assertion: 'not_null', name: 'not_null_orders_id', success: true },
        { assertion: 'unique', column: 'id', success: true },
      ),
      reported(
        1,
        // The same named test, run by another job before: hidden.
        { assertion: 'not_null', name: 'not_null_orders_id', success: false },
        { assertion: 'unique', column: 'id', success: false },
        // Unnamed: not known as the named test, so kept.
        { assertion: 'not_null', success: false },
      ),
    ]);
    expect(merged).toEqual(
      reported(
        2,
        { assertion: 'not_null', name: 'not_null_orders_id', success: true },
        { assertion: 'unique', column: 'id', success: true },
        { assertion: 'not_null', success: false },
      ),
    );
  });

  it('tells tests with an empty name apart by kind and column', () => {
    const merged = mergeAssertions([
      reported(2, {
        assertion: 'unique',
        column: 'id',
        name: '',
        success: true,
      }),
      reported(1, {
        assertion: 'not_null',
        column: 'id',
        name: '',
        success: false,
      }),
    ]);
    expect(merged?.value.assertions.map((a: any) => a.assertion)).toEqual([
      'unique',
      'not_null',
    ]);
  });
});

describe('mergeMetrics', () => {
  it("rates each column over its report's rows, else over the rows its run read or wrote", () => {
    const merged = mergeMetrics([
      // Beside outputStatistics, a report that counts no rows.
      {
        time: 3,
        value: { columnMetrics: { a: { nullCount: 5 } } },
        runRowCount: 100,
      },
      {
        time: 2,
        value: { rowCount: 40, columnMetrics: { b: { nullCount: 1 } } },
        runRowCount: 50,
      },
      { time: 1, value: { columnMetrics: { c: { nullCount: 2 } } } },
    ]);
    expect(merged?.value).toEqual({
      rowCount: 100,
      columnMetrics: {
        a: { nullCount: 5, reportRowCounts: { nullCount: 100 } },
        b: { nullCount: 1, reportRowCounts: { nullCount: 40 } },
        c: { nullCount: 2, reportRowCounts: { nullCount: null } },
      },
    });
  });

  it("counts the dataset's rows as the newest report does, else as its run's statistics do", () => {
    const merged = (...reports: QualityReportRow[]) =>
      mergeMetrics(reports)?.value.rowCount;
    const counted = {
      time: 1,
      value: { rowCount: 40, columnMetrics: { c: { nullCount: 0 } } },
      runRowCount: 50,
    };
    // Beside outputStatistics, a report that counts no rows.
    const uncounted = {
      time: 2,
      value: { columnMetrics: { c: { nullCount: 0 } } },
      runRowCount: 10,
    };
    expect(merged(uncounted)).toBe(10);
    expect(merged(uncounted, counted)).toBe(10);
    expect(merged({ ...uncounted, runRowCount: undefined }, counted)).toBe(40);
    expect(merged({ ...uncounted, runRowCount: undefined })).toBeUndefined();
  });
});
