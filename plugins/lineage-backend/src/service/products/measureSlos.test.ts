import {
  measureFreshness,
  measureQuality,
  measureSchemaDrift,
  measureVolume,
} from './measureSlos';
import { mergeMetrics } from '../../store/mergeQualityReports';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const now = Date.parse('2026-11-24T12:00:00Z');

describe('measureFreshness', () => {
  it('counts the share of the window during which the last write was recent enough', () => {
    // Daily writes over the whole week, but one day's run came 12 h late.
    const writes = [-8, -7, -6, -5, -4, -2.5, -1.5, -0.5].map(
      d => now + d * DAY,
    );
    const measure = measureFreshness(writes, DAY, 7 * DAY, now, 0.99);
    expect(measure.status).toBe('met');
    expect(measure.attainment).toBeCloseTo(1 - 0.5 / 7, 4);
    expect(measure.attainmentStatus).toBe('breached');
  });

  it('gives an attainment just short of its objective as short of it, not rounded onto it', () => {
    // One run 101 minutes late in a week: 98.998% fresh.
    const writes = [
      ...[-8, -7, -6, -5, -4].map(d => now + d * DAY),
      now - 3 * DAY + 101 * 60_000,
      ...[-2, -1].map(d => now + d * DAY),
    ];
    const measure = measureFreshness(writes, DAY, 7 * DAY, now, 0.99);
    expect(measure.attainmentStatus).toBe('breached');
    expect(measure.attainment).toBe(0.98998);
  });

  it('breaches for a dataset never written once its maximum delay has passed since its first failed write', () => {
    const firstFailedWrite = now - 2 * DAY;
    expect(
      measureFreshness([], DAY, 7 * DAY, now, 0.99, firstFailedWrite),
    ).toEqual({
      status: 'breached',
      maxDelayMs: DAY,
      firstFailedWrite: new Date(firstFailedWrite).toISOString(),
      // Fresh only for the first day of the two since.
      attainment: 0.5,
      windowMs: 7 * DAY,
      objective: 0.99,
      attainmentStatus: 'breached',
    });
    expect(
      measureFreshness([], DAY, 7 * DAY, now, 0.99, now - 10 * DAY),
    ).toMatchObject({ status: 'breached', attainment: 0 });
    expect(
      measureFreshness([], DAY, 7 * DAY, now, 0.99, now - HOUR),
    ).toMatchObject({ status: 'unknown', attainmentStatus: 'unknown' });
  });

  it('measures a dataset first written inside the window from that first write', () => {
    const writes = [-3, -2, -1].map(d => now + d * DAY);
    const measure = measureFreshness(writes, DAY, 7 * DAY, now, 0.99);
    expect(measure.attainment).toBe(1);
    expect(measure.attainmentStatus).toBe('met');
    // A later failure changes nothing; one before the first write does.
    expect(
      measureFreshness(writes, DAY, 7 * DAY, now, 0.99, now - 1.5 * DAY),
    ).toMatchObject({ attainment: 1 });
  });

  it('measures a dataset failing before its first write from the first failure', () => {
    // Failing hourly for three days, then written hourly since a day ago.
    const writes = Array.from({ length: 24 }, (_, h) => now - (24 - h) * HOUR);
    const measure = measureFreshness(
      writes,
      HOUR,
      7 * DAY,
      now,
      0.99,
      now - 4 * DAY,
    );
    expect(measure).toMatchObject({
      status: 'met',
      attainmentStatus: 'breached',
    });
    // Fresh the first hour and the last day of four.
    expect(measure.attainment).toBeCloseTo((HOUR + DAY) / (4 * DAY), 4);
  });

  it('is breached now when the last write is older than the maximum delay', () => {
    const measure = measureFreshness([now - 2 * DAY], DAY, 7 * DAY, now);
    expect(measure.status).toBe('breached');
    expect(measure.ageMs).toBe(2 * DAY);
    expect(measure.attainment).toBe(0.5);
  });

  it('takes a write reported after now (a clock ahead) as written now', () => {
    const measure = measureFreshness([now + HOUR], DAY, 7 * DAY, now, 0.99);
    expect(measure).toMatchObject({ status: 'met', ageMs: 0 });
  });

  it('counts a stream as writing all along, from its start to its latest write', () => {
    const stream = { from: now - 3 * DAY, to: now - 10 * 60_000 };
    expect(
      measureFreshness([], HOUR, 7 * DAY, now, 0.99, undefined, [stream]),
    ).toMatchObject({
      status: 'met',
      lastSuccessfulWrite: new Date(stream.to).toISOString(),
      attainment: 1,
    });
    // Silent for two hours: stale for the second of them.
    const silent = { ...stream, to: now - 2 * HOUR };
    expect(
      measureFreshness([], HOUR, 7 * DAY, now, 0.99, undefined, [silent]),
    ).toMatchObject({
      status: 'breached',
      ageMs: 2 * HOUR,
      attainment: Number((1 - HOUR / (3 * DAY)).toFixed(4)),
    });
    // A batch write five days ago, then nothing until the stream started.
    expect(
      measureFreshness([now - 5 * DAY], HOUR, 7 * DAY, now, 0.99, undefined, [
        stream,
      ]),
    ).toMatchObject({
      status: 'met',
      attainment: Number((1 - (2 * DAY - HOUR) / (5 * DAY)).toFixed(4)),
    });
  });

  it('breaches for data dropped after its last write, and counts it fresh only until the drop', () => {
    const job = { namespace: 'etl', name: 'orders_drop' };
    const dropped = measureFreshness(
      [now - 2 * DAY, now - HOUR],
      DAY,
      2 * DAY,
      now,
      undefined,
      undefined,
      [],
      { time: now - 10 * 60_000, job },
    );
    expect(dropped).toMatchObject({
      status: 'breached',
      ageMs: HOUR,
      dropped: { at: new Date(now - 10 * 60_000).toISOString(), job },
    });
    // Written again after a drop: fresh, but not between the drop and the write.
    const reloaded = measureFreshness(
      [now - 2 * DAY, now - HOUR],
      DAY,
      2 * DAY,
      now,
      undefined,
      undefined,
      [],
      { time: now - 1.5 * DAY },
    );
    expect(reloaded.status).toBe('met');
    expect(reloaded.dropped).toBeUndefined();
    expect(reloaded.attainment).toBeCloseTo((12 + 1) / 48, 4);
  });

  it('is unknown without any write', () => {
    const measure = measureFreshness([], DAY, 7 * DAY, now, 0.99);
    expect(measure.status).toBe('unknown');
    expect(measure.attainmentStatus).toBe('unknown');
  });
});

describe('measureVolume', () => {
  const band = { minRatio: 0.5, maxRatio: 2 };

  it('gives a ratio just past the band as past it, not rounded onto its bound', () => {
    const measure = measureVolume(
      [
        { time: 1, rowCount: 100_000 },
        { time: 2, rowCount: 120_001 },
      ],
      { minRatio: 0.8, maxRatio: 1.2 },
    );
    expect(measure.status).toBe('breached');
    expect(measure.ratio).toBe(1.20001);
    expect(
      measureVolume(
        [
          { time: 1, rowCount: 100_000 },
          { time: 2, rowCount: 123_456 },
        ],
        { minRatio: 0.8, maxRatio: 1.2 },
      ).ratio,
    ).toBe(1.235);
  });

  it('breaches with no ratio when rows come after none', () => {
    const measure = measureVolume(
      [1, 2, 3].map(time => ({ time, rowCount: time === 3 ? 5 : 0 })),
      band,
    );
    expect(measure.status).toBe('breached');
    expect(measure.ratio).toBeUndefined();
  });

  it('breaches with no ratio when a load brings no rows after a window of none, unless the band allows a load of none', () => {
    // Loads of 1000 rows, then of none for longer than the window.
    const empty = [1, 2, 3].map(time => ({ time, rowCount: 0 }));
    expect(measureVolume(empty, band)).toEqual({
      status: 'breached',
      latestRowCount: 0,
      averageRowCount: 0,
      ratio: undefined,
      band,
      samples: 3,
    });
    expect(measureVolume(empty, { minRatio: 0, maxRatio: 2 })).toMatchObject({
      status: 'met',
      ratio: undefined,
    });
  });
});

describe('measureVolume of a port dropped or written by a stream', () => {
  const band = { minRatio: 0.5, maxRatio: 2 };

  it('breaches a dropped port whatever was loaded before, saying when it was dropped', () => {
    expect(
      measureVolume([{ time: now - HOUR, rowCount: 1000, writer: 1 }], band, {
        drop: { time: now - 60_000 },
      }),
    ).toEqual({
      status: 'breached',
      band,
      samples: 0,
      dropped: { at: new Date(now - 60_000).toISOString() },
    });
  });

  it('judges nothing of a port only a stream wrote, saying so, and a completed load as ever', () => {
    expect(measureVolume([], band, { streamed: true })).toEqual({
      status: 'unknown',
      band,
      samples: 0,
      streamed: true,
    });
    expect(
      measureVolume(
        [
          { time: now - 2 * HOUR, rowCount: 1000, writer: 1 },
          { time: now - HOUR, rowCount: 100, writer: 1 },
        ],
        band,
        { streamed: true },
      ),
    ).toMatchObject({ status: 'breached', ratio: 0.1 });
  });
});

describe('measureVolume of a latest write that reported no row count', () => {
  const band = { minRatio: 0.5, maxRatio: 2 };
  const loads = [1, 2, 3].map(time => ({ time, rowCount: 1_000, writer: 1 }));

  it('judges nothing, saying when it came and the count before it', () => {
    expect(
      measureVolume(
        [...loads, { time: 3_600_000, rowCount: undefined, writer: 1 }],
        band,
      ),
    ).toEqual({
      status: 'unknown',
      band,
      samples: 3,
      uncountedWrite: {
        endedAt: new Date(3_600_000).toISOString(),
        rowCountBefore: 1_000,
      },
    });
  });

  it('gives the count before it of its own writer', () => {
    const other = { time: 4, rowCount: 24_000, writer: 2 };
    expect(
      measureVolume([...loads, other, { time: 5, writer: 1 }], band)
        .uncountedWrite,
    ).toMatchObject({ rowCountBefore: 1_000 });
  });

  it('leaves out a writer that never counts, and takes a counted write of the same time for the latest', () => {
    // A compaction that reports no counts, after the loads.
    expect(
      measureVolume([...loads, { time: 5, writer: 3 }], band),
    ).toMatchObject({ status: 'met', latestRowCount: 1_000, samples: 3 });
    const uncounted = { time: 4, writer: 1 };
    const counted = { time: 4, rowCount: 990, writer: 1 };
    for (const writes of [
      [...loads, uncounted, counted],
      [...loads, counted, uncounted],
    ]) {
      expect(measureVolume(writes, band)).toMatchObject({
        status: 'met',
        latestRowCount: 990,
      });
    }
  });

  it('judges a counted latest write past earlier uncounted ones', () => {
    expect(
      measureVolume(
        [{ time: 0, writer: 1 }, ...loads, { time: 4, rowCount: 990 }],
        band,
      ),
    ).toMatchObject({ status: 'met', latestRowCount: 990, samples: 4 });
  });
});

describe('measureVolume by writer', () => {
  const band = { minRatio: 0.8, maxRatio: 1.2 };
  // Hourly appends of about 1,000 rows, then a nightly compaction of 24,000.
  const hourly = [1, 2, 3, 4].map(time => ({
    time,
    rowCount: 1_000,
    writer: 1,
  }));
  const nightly = [{ time: 5, rowCount: 24_000, writer: 2 }];

  it("judges each load against its own writer's earlier loads", () => {
    expect(
      measureVolume(
        [...hourly, ...nightly, { time: 6, rowCount: 990, writer: 1 }],
        band,
      ),
    ).toMatchObject({
      status: 'met',
      averageRowCount: 1_000,
      ratio: 0.99,
      samples: 5,
    });
  });

  it('judges a writer with no earlier load against every earlier load', () => {
    expect(measureVolume([...hourly, ...nightly], band)).toMatchObject({
      status: 'breached',
      averageRowCount: 1_000,
      ratio: 24,
      samples: 5,
    });
  });
});

describe('measureSchemaDrift', () => {
  it('flags a change of precision but not a type the producer spells without one', () => {
    const measure = measureSchemaDrift(
      [
        { name: 'amount', type: 'decimal(10,4)' },
        { name: 'id', type: 'string' },
        { name: 'at', type: 'timestamp with time zone' },
      ],
      [
        { name: 'amount', physicalType: 'DECIMAL(12,2)' },
        { name: 'id', physicalType: 'VARCHAR(36)' },
        { name: 'at', physicalType: 'TIMESTAMP(3) WITH TIME ZONE' },
      ],
    );
    expect(measure.status).toBe('breached');
    expect(measure.typeChanges).toEqual([
      {
        column: 'amount',
        contract: 'DECIMAL(12,2)',
        observed: 'decimal(10,4)',
      },
    ]);
  });

  it('judges by the logical type a column gives no physical type, and not a type it does not know', () => {
    const measure = measureSchemaDrift(
      [
        { name: 'amount', type: 'string' },
        { name: 'id', type: 'NUMBER(38,0)' },
        { name: 'area', type: 'geography' },
        { name: 'total', type: 'string' },
      ],
      [
        { name: 'amount', logicalType: 'number' },
        { name: 'id', logicalType: 'integer' },
        { name: 'area', logicalType: 'object' },
        // The physical type, where given, is the one judged.
        { name: 'total', physicalType: 'VARCHAR(12)', logicalType: 'number' },
      ],
    );
    expect(measure.typeChanges).toEqual([
      { column: 'amount', contract: 'number', observed: 'string' },
    ]);
    expect(measure.status).toBe('breached');
  });

  it("compares a struct's fields where both the contract and the write give them", () => {
    const contract = [
      {
        name: 'address',
        physicalType: 'STRUCT',
        properties: [
          { name: 'city', physicalType: 'STRING' },
          {
            name: 'geo',
            properties: [{ name: 'lat', physicalType: 'DOUBLE' }],
          },
          { name: 'zip', physicalType: 'STRING' },
        ],
      },
      { name: 'tags', properties: [{ name: 'key', physicalType: 'STRING' }] },
    ];
    const measure = measureSchemaDrift(
      [
        {
          name: 'ADDRESS',
          type: 'struct',
          fields: [
            { name: 'city', type: 'string' },
            { name: 'geo', fields: [{ name: 'lat', type: 'string' }] },
            { name: 'street', type: 'string' },
          ],
        },
        // Reported as one column: its fields are not judged.
        { name: 'tags', type: 'struct<key:string>' },
      ],
      contract,
    );
    expect(measure).toEqual({
      status: 'breached',
      missingColumns: ['address.zip'],
      typeChanges: [
        { column: 'address.geo.lat', contract: 'DOUBLE', observed: 'string' },
      ],
      extraColumns: ['address.street'],
    });
  });
});

describe('measureSchemaDrift with more columns than a call takes', () => {
  it('lists each column the contract does not declare', () => {
    const observed = Array.from({ length: 200_000 }, (_, i) => ({
      name: `c${i}`,
      type: 'TEXT',
    }));
    const measure = measureSchemaDrift(observed, [
      { name: 'c0', physicalType: 'TEXT' },
    ]);
    expect(measure.status).toBe('met');
    expect(measure.extraColumns).toHaveLength(199_999);
  });
});

describe('measureQuality', () => {
  const report = (columnMetrics: object) => ({
    time: now,
    metrics: { rowCount: 100, columnMetrics },
  });

  it("rates a column by the rows of the report that measured it, when jobs' reports were merged", () => {
    const measure = measureQuality(
      {
        time: now,
        metrics: {
          rowCount: 400,
          columnMetrics: {
            order_id: { nullCount: 1, reportRowCounts: { nullCount: 400 } },
            customer_id: {
              nullCount: 600,
              reportRowCounts: { nullCount: 10_000 },
            },
            // Its report counted no rows: not another report's.
            email: { nullCount: 3, reportRowCounts: { nullCount: null } },
          },
        },
      },
      [
        { column: 'customer_id', metric: 'nullRate', max: 0.03 },
        { column: 'order_id', metric: 'nullRate', max: 0.03 },
        { column: 'email', metric: 'nullRate', max: 0.03 },
      ],
    );
    expect(measure.rules.map(rule => [rule.value, rule.status])).toEqual([
      [0.06, 'breached'],
      [0.0025, 'met'],
      [undefined, 'unknown'],
    ]);
  });

  it('judges each metric by the newest suite measuring it, though another suite measured the column since', () => {
    const suites = (
      nulls: object,
      distinct: object,
    ): Parameters<typeof measureQuality>[0] => ({
      time: now,
      // Two suites over the same 100 rows, the one counting nulls earlier.
      metrics: mergeMetrics([
        {
          time: now,
          value: { rowCount: 100, columnMetrics: { customer_id: distinct } },
        },
        {
          time: now - HOUR,
          value: { rowCount: 100, columnMetrics: { customer_id: nulls } },
        },
      ])!.value,
    });
    const rules = [
      { column: 'customer_id', metric: 'nullRate' as const, max: 0.01 },
      { column: 'customer_id', metric: 'duplicateCount' as const, max: 0 },
    ];
    expect(
      measureQuality(
        suites({ nullCount: 50 }, { distinctCount: 50 }),
        rules,
      ).rules.map(rule => [rule.value, rule.status]),
    ).toEqual([
      [0.5, 'breached'],
      [0, 'met'],
    ]);
    expect(
      measureQuality(suites({ nullCount: 30 }, { distinctCount: 70 }), rules)
        .rules[1],
    ).toMatchObject({ value: 0, status: 'met' });
  });

  it('counts no duplicates from nulls counted over other rows than the distinct values', () => {
    const metrics = mergeMetrics([
      {
        time: now,
        value: { rowCount: 120, columnMetrics: { id: { distinctCount: 90 } } },
      },
      {
        time: now - HOUR,
        value: { rowCount: 100, columnMetrics: { id: { nullCount: 10 } } },
      },
    ])!.value;
    const measure = measureQuality({ time: now, metrics }, [
      { column: 'id', metric: 'nullRate', max: 0.2 },
      { column: 'id', metric: 'duplicateCount', max: 0 },
    ]);
    expect(measure.rules.map(rule => [rule.value, rule.status])).toEqual([
      [0.1, 'met'],
      [undefined, 'unknown'],
    ]);
  });

  it("counts a table's rows as its run's statistics do when its metrics count none", () => {
    // As a run reports them: outputStatistics beside its dataQualityMetrics.
    const metrics = mergeMetrics([
      {
        time: now,
        value: { columnMetrics: { c: { nullCount: 0 } } },
        runRowCount: 10,
      },
    ])!.value;
    const measure = measureQuality({ time: now, metrics }, [
      { column: 'orders', metric: 'rowCount', min: 50 },
      { column: 'c', metric: 'nullRate', max: 0.01 },
    ]);
    expect(measure.status).toBe('breached');
    expect(measure.rules.map(rule => [rule.value, rule.status])).toEqual([
      [10, 'breached'],
      [0, 'met'],
    ]);
  });

  it('matches rules to columns whatever the case the engine reports', () => {
    const measure = measureQuality(report({ CUSTOMER_ID: { nullCount: 50 } }), [
      { column: 'customer_id', metric: 'nullRate', max: 0.01 },
    ]);
    expect(measure.status).toBe('breached');
    expect(measure.rules[0].value).toBe(0.5);
  });

  it('judges nothing by metrics or assertions from before the window', () => {
    const rules = [{ column: 'email', metric: 'nullRate' as const, max: 0.1 }];
    const old = report({ email: { nullCount: 50 } });
    const measure = measureQuality(old, rules, now + 1);
    expect(measure).toMatchObject({
      status: 'unknown',
      staleReportedAt: new Date(now).toISOString(),
      measuredAt: new Date(now).toISOString(),
      rules: [{ value: 0.5, status: 'unknown' }],
    });
    expect(measureQuality(old, rules, now).status).toBe('breached');
    // Assertions still coming, metrics stopped: only the assertions judge.
    const failed = { assertions: [{ assertion: 'not_null', success: false }] };
    const mixed = {
      ...old,
      metricsTime: now - DAY,
      assertions: failed,
      assertionsTime: now,
    };
    expect(measureQuality(mixed, rules, now - HOUR)).toMatchObject({
      status: 'breached',
      rules: [{ status: 'unknown' }],
      failedAssertions: [{ assertion: 'not_null' }],
    });
    expect(measureQuality(mixed, rules, now - HOUR).staleReportedAt).toBe(
      new Date(now - DAY).toISOString(),
    );
    expect(
      measureQuality({ ...mixed, assertionsTime: now - DAY }, rules, now - HOUR)
        .failedAssertions,
    ).toEqual([]);
  });

  it('names a failed assertion its producer did not name', () => {
    expect(
      measureQuality(
        {
          time: now,
          assertions: { assertions: [{ success: false, column: 'email' }] },
        },
        [],
        now - HOUR,
      ).failedAssertions,
    ).toEqual([{ assertion: 'unnamed assertion', column: 'email' }]);
  });

  it('breaches nothing by a failed assertion configured to warn, and lists it apart', () => {
    // As dbt-ol reports a test of `severity: warn`, whose run succeeds.
    const warned = {
      assertion: 'not_null',
      name: 'not_null_orders_id',
      column: 'id',
      success: false,
      severity: 'warn',
      actual: '3',
      expected: '0',
    };
    const measured = (...assertions: object[]) =>
      measureQuality({ time: now, assertions: { assertions } }, [], now - HOUR);
    expect(
      measured(warned, { ...warned, name: 'unique_orders_id', success: true }),
    ).toEqual({
      status: 'met',
      measuredAt: new Date(now).toISOString(),
      rules: [],
      failedAssertions: [],
      warnedAssertions: [
        {
          assertion: 'not_null',
          name: 'not_null_orders_id',
          column: 'id',
          severity: 'warn',
          actual: '3',
          expected: '0',
        },
      ],
    });
    // Whatever the case; one of severity error breaches beside it.
    const failed = {
      ...warned,
      assertion: 'accepted_values',
      name: 'accepted_values_orders_status',
      column: 'status',
      severity: 'error',
      actual: 2,
      expected: 0,
    };
    const both = measured({ ...warned, severity: 'WARN' }, failed);
    expect(both.status).toBe('breached');
    const { success, ...failedAsReported } = failed;
    expect(success).toBe(false);
    expect(both.failedAssertions).toEqual([failedAsReported]);
    expect(both.warnedAssertions).toMatchObject([
      { name: 'not_null_orders_id', severity: 'WARN' },
    ]);
  });

  it("cuts a failed assertion's long text short, and leaves out what is neither text nor a number", () => {
    const values = Array.from({ length: 100 }, (_, i) => `'value_${i}'`);
    const [failed] = measureQuality(
      {
        time: now,
        assertions: {
          assertions: [
            {
              assertion: 'accepted_values',
              name: `accepted_values_${'x'.repeat(300)}`,
              // Cut before a character of two UTF-16 units, not within it.
              column: `${'c'.repeat(255)}😀😀`,
              success: false,
              expected: `[${values.join(', ')}]`,
              actual: { rows: 2 },
              severity: 7,
            },
          ],
        },
      },
      [],
      now - HOUR,
    ).failedAssertions;
    expect(failed.name).toHaveLength(257);
    expect(failed.name).toMatch(/^accepted_values_x+…$/);
    expect(failed.expected).toBe(`${`[${values.join(', ')}]`.slice(0, 256)}…`);
    expect(failed.column).toBe(`${'c'.repeat(255)}…`);
    expect(failed.actual).toBeUndefined();
    expect(failed.severity).toBeUndefined();
  });

  it('is met only when every rule was measured', () => {
    const rules = [
      { column: 'email', metric: 'nullRate' as const, max: 0.1 },
      { column: 'customer_id', metric: 'nullRate' as const, max: 0.1 },
    ];
    const partial = measureQuality(report({ email: { nullCount: 0 } }), rules);
    expect(partial.status).toBe('unknown');
    expect(partial.rules.map(r => r.status)).toEqual(['met', 'unknown']);
    const both = measureQuality(
      report({ email: { nullCount: 0 }, customer_id: { nullCount: 5 } }),
      rules,
    );
    expect(both.status).toBe('met');
    const breached = measureQuality(
      report({ email: { nullCount: 50 } }),
      rules,
    );
    expect(breached.status).toBe('breached');
  });

  it('measures counts too, and keeps an exclusive bound exclusive', () => {
    const measure = measureQuality(
      report({ email: { nullCount: 5, distinctCount: 90 } }),
      [
        { column: 'email', metric: 'nullCount', max: 5 },
        { column: 'email', metric: 'nullRate', max: 0.05, maxExclusive: true },
        { column: 'email', metric: 'duplicateCount', min: 0, max: 0 },
        { column: 'orders', metric: 'rowCount', min: 100, minExclusive: true },
      ],
    );
    expect(measure.rules.map(r => [r.value, r.status])).toEqual([
      [5, 'met'],
      [0.05, 'breached'],
      [5, 'breached'],
      [100, 'breached'],
    ]);
  });

  it('counts duplicates among the values that are not null', () => {
    const rule = {
      column: 'email',
      metric: 'duplicateRate' as const,
      max: 0.05,
    };
    const distinct = measureQuality(
      report({ email: { nullCount: 10, distinctCount: 90 } }),
      [rule],
    );
    expect(distinct.rules[0]).toMatchObject({ value: 0, status: 'met' });
    const repeated = measureQuality(
      report({ email: { nullCount: 10, distinctCount: 45 } }),
      [rule],
    );
    expect(repeated.rules[0]).toMatchObject({ value: 0.5, status: 'breached' });
  });

  it('counts no duplicates where nulls were not counted, but in a column of as many distinct values as rows', () => {
    const rules = [
      { column: 'email', metric: 'duplicateRate' as const, max: 0.01 },
      { column: 'email', metric: 'duplicateCount' as const, max: 0 },
    ];
    // The 10 rows beyond the distinct values may all be nulls.
    const unknown = measureQuality(
      report({ email: { distinctCount: 90 } }),
      rules,
    );
    expect(unknown.status).toBe('unknown');
    expect(unknown.rules.map(rule => [rule.value, rule.status])).toEqual([
      [undefined, 'unknown'],
      [undefined, 'unknown'],
    ]);
    const distinct = measureQuality(
      report({ email: { distinctCount: 100 } }),
      rules,
    );
    expect(distinct.rules.map(rule => [rule.value, rule.status])).toEqual([
      [0, 'met'],
      [0, 'met'],
    ]);
    // Nulls counted by another suite over other rows tell nothing either.
    const merged = (distinctCount: number) =>
      mergeMetrics([
        {
          time: now,
          value: { rowCount: 120, columnMetrics: { email: { distinctCount } } },
        },
        {
          time: now - HOUR,
          value: { rowCount: 100, columnMetrics: { email: { nullCount: 10 } } },
        },
      ])!.value;
    expect(
      measureQuality({ time: now, metrics: merged(120) }, rules).status,
    ).toBe('met');
    expect(
      measureQuality({ time: now, metrics: merged(110) }, rules).status,
    ).toBe('unknown');
  });
});
