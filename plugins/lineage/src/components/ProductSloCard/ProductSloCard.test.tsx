import { formatTime } from '@meshwork/plugin-data-products-common';
import {
  act,
  cleanup,
  fireEvent,
  screen,
  within,
} from '@testing-library/react';
import type { LineageApi, ProductSlo } from '../../api';
import {
  fakeLineageApi,
  graphWithOrderLinesJob,
  completedRun,
  failedRun,
  NS,
  ORDER_LINES_JOB_ID,
  ORDERS_DATASET,
  ordersProduct,
  ordersRunsApi,
  renderLineage,
} from '../../__testUtils__/fixtures';
import { cascadedColor } from '../../__testUtils__/cascadedColor';
import { ProductSloCard, REFRESH_MS } from './ProductSloCard';
import {
  EntityPageSwitching,
  inAppTheme,
  narrowScreen,
} from '@meshwork/plugin-data-products-react/testUtils';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** `GET /entities/dataproduct/default/orders/slo`. */
const slo: ProductSlo = {
  entityRef: 'dataproduct:default/orders',
  measuredAt: '2026-03-02T06:00:00.000Z',
  windowMs: 28 * DAY,
  outputPorts: [
    {
      name: 'orders',
      dataset: ORDERS_DATASET,
      observed: true,
      freshness: {
        status: 'breached',
        maxDelayMs: DAY,
        lastSuccessfulWrite: completedRun.endedAt,
        ageMs: 25 * HOUR + 48 * 60_000,
        attainment: 0.857,
        windowMs: 28 * DAY,
        objective: 0.9,
        attainmentStatus: 'breached',
      },
      volume: {
        status: 'met',
        latestRowCount: 12_345,
        averageRowCount: 12_000,
        ratio: 1.03,
        band: { minRatio: 0.5, maxRatio: 2 },
        samples: 7,
      },
      schema: {
        status: 'met',
        missingColumns: [],
        typeChanges: [],
        extraColumns: [],
      },
      quality: {
        status: 'breached',
        measuredAt: completedRun.endedAt,
        rules: [
          {
            column: 'customer_id',
            metric: 'nullRate',
            max: 0.01,
            // As a rate divides: shown to four digits.
            value: 0.1 + 0.2,
            status: 'breached',
          },
          {
            column: 'customer_id',
            metric: 'nullRate',
            max: 0.04,
            maxExclusive: true,
            value: 0.04,
            status: 'breached',
            source: 'contract',
          },
          {
            column: 'customer_id',
            metric: 'rowCount',
            min: 123457,
            value: 123456,
            status: 'breached',
          },
          {
            column: 'email',
            metric: 'nullRate',
            max: 0.01,
            value: 0.0100001,
            status: 'breached',
          },
        ],
        failedAssertions: [],
      },
    },
    {
      name: 'order_lines',
      dataset: { namespace: NS, name: 'mart.order_lines' },
      observed: false,
      message: 'No OpenLineage events mention this dataset yet',
    },
  ],
};

function lineageApi(overrides: Partial<LineageApi> = {}) {
  return fakeLineageApi({
    slo: async () => slo,
    ...ordersRunsApi,
    ...overrides,
  });
}

const rowOf = (slo_: string) =>
  screen
    .getAllByRole('row')
    .find(row => within(row).queryByText(slo_, { exact: true }))!;

describe('ProductSloCard', () => {
  it('shows each measured SLO, its status and the run behind a breach', async () => {
    const asked: string[] = [];
    await renderLineage(<ProductSloCard />, {
      entity: ordersProduct,
      lineageApi: lineageApi({
        slo: async ref => {
          asked.push(ref);
          return slo;
        },
      }),
    });

    expect(
      await screen.findByRole('table', { name: 'SLO status' }),
    ).toBeInTheDocument();
    expect(asked).toEqual(['dataproduct:default/orders']);
    expect(
      screen.getByText(`Measured ${formatTime(slo.measuredAt)} over 28 days`),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'order_lines: No OpenLineage events mention this dataset yet',
      ),
    ).toBeInTheDocument();
    // Header plus freshness, volume, schema and quality of the observed port.
    expect(screen.getAllByRole('row')).toHaveLength(5);

    const freshness = within(rowOf('freshness'));
    expect(freshness.getByText('orders')).toBeInTheDocument();
    expect(freshness.getByText('breaching')).toBeInTheDocument();
    expect(
      freshness.getByText('last write 1d 1h ago (max 1d)'),
    ).toBeInTheDocument();
    expect(freshness.getByText('85.7% of 90% objective')).toBeInTheDocument();
    expect(freshness.getByText('Latest failed run')).toBeInTheDocument();
    expect(
      freshness.getByText(
        `orders_etl run 7f3c2a10, fail ${formatTime(
          failedRun.endedAt!,
        )}: relation "raw.carts" does not exist`,
      ),
    ).toBeInTheDocument();

    const volume = within(rowOf('volume'));
    expect(volume.getByText('met')).toBeInTheDocument();
    expect(
      volume.getByText('12,345 rows, 1.03× the average (allowed 0.5–2)'),
    ).toBeInTheDocument();

    const schema = within(rowOf('schema drift'));
    expect(schema.getByText('matches the contract')).toBeInTheDocument();

    const quality = within(rowOf('quality'));
    expect(quality.getByText('breaching')).toBeInTheDocument();
    // With the bound each crossed, and where each rule of a column's
    // measure bound both ways is declared.
    expect(
      quality.getByText(
        'customer_id nullRate 0.3 (must be at most 0.01, product SLO), customer_id nullRate 0.04 (must be less than 0.04, contract), customer_id rowCount 123456 (must be at least 123457), email nullRate 0.0100001 (must be at most 0.01)',
      ),
    ).toBeInTheDocument();
    expect(
      quality.getByText('Reported by the latest successful run'),
    ).toBeInTheDocument();
    expect(
      quality.getByText(/orders_etl run 0a9b8c7d, complete/),
    ).toBeInTheDocument();
  });

  it('titles the card with a heading, and reads each status aloud', async () => {
    await renderLineage(<ProductSloCard />, {
      entity: ordersProduct,
      lineageApi: lineageApi(),
    });
    await screen.findByRole('table', { name: 'SLO status' });
    expect(
      screen.getByRole('heading', { name: 'SLO status' }),
    ).toBeInTheDocument();
    // By role and name, as assistive technology finds them: the status
    // light hides all inside it, so the words must be beside it.
    expect(
      within(rowOf('freshness')).getByRole('cell', { name: 'breaching' }),
    ).toBeInTheDocument();
    expect(
      within(rowOf('volume')).getByRole('cell', { name: 'met' }),
    ).toBeInTheDocument();

    cleanup();
    await renderPort({
      quality: { ...slo.outputPorts[0].quality!, status: 'unknown' },
    });
    expect(
      within(rowOf('quality')).getByRole('cell', { name: 'unknown' }),
    ).toBeInTheDocument();
  });

  describe('in the dark theme', () => {
    inAppTheme('dark');

    it("writes a breach's row in the theme's error text, which reads on its pink in a dark theme too", async () => {
      const wideAgain = narrowScreen();
      try {
        await renderLineage(<ProductSloCard />, {
          entity: ordersProduct,
          lineageApi: lineageApi(),
        });
        await screen.findByRole('table', { name: 'SLO status' });
        const freshness = rowOf('freshness');
        // Backstage's dark theme keeps the light one's pink and error text.
        const errorText = 'rgb(202, 0, 27)';
        for (const cell of within(freshness).getAllByRole('cell')) {
          expect(cascadedColor(cell)).toBe(errorText);
        }
        // Secondary text and the cause set colours of their own.
        for (const text of [
          'orders',
          'attainment 85.7% of 90% objective',
          'Latest failed run',
        ]) {
          expect(cascadedColor(within(freshness).getByText(text))).toBe(
            errorText,
          );
        }
        // A row met keeps the theme's own text colour.
        expect(
          cascadedColor(within(rowOf('volume')).getAllByRole('cell')[0]),
        ).not.toBe(errorText);
      } finally {
        wideAgain();
      }
    });
  });

  it('stacks port, attainment and cause in the other cells on a narrow screen', async () => {
    const wideAgain = narrowScreen();
    try {
      await renderLineage(<ProductSloCard />, {
        entity: ordersProduct,
        lineageApi: lineageApi(),
      });
      await screen.findByRole('table', { name: 'SLO status' });
      expect(
        screen.getAllByRole('columnheader').map(header => header.textContent),
      ).toEqual(['SLO', 'Status', 'Last value']);
      const [name, status, lastValue] = within(rowOf('freshness')).getAllByRole(
        'cell',
      );
      expect(name).toHaveTextContent(/^freshnessport orders$/);
      expect(status).toHaveTextContent('breaching');
      const last = within(lastValue);
      expect(
        last.getByText('last write 1d 1h ago (max 1d)'),
      ).toBeInTheDocument();
      expect(
        last.getByText('attainment 85.7% of 90% objective'),
      ).toBeInTheDocument();
      expect(last.getByText('Latest failed run')).toBeInTheDocument();
      expect(
        last.getByText(/^orders_etl run 7f3c2a10, fail/),
      ).toBeInTheDocument();
      // No attainment nor cause: nothing under the value, not a dash.
      expect(
        within(rowOf('schema drift')).getAllByRole('cell')[2],
      ).toHaveTextContent(/^matches the contract$/);
    } finally {
      wideAgain();
    }
  });

  /** The card of orders' first port alone, with `change` to its measures. */
  async function renderPort(
    change: Partial<ProductSlo['outputPorts'][number]>,
    overrides: Partial<LineageApi> = {},
  ) {
    await renderLineage(<ProductSloCard />, {
      entity: ordersProduct,
      lineageApi: lineageApi({
        slo: async () => ({
          ...slo,
          outputPorts: [{ ...slo.outputPorts[0], ...change }],
        }),
        ...overrides,
      }),
    });
    await screen.findByRole('table', { name: 'SLO status' });
  }

  /** The quality row of orders' first port measured with `quality`. */
  async function renderQuality(
    quality: ProductSlo['outputPorts'][number]['quality'],
  ) {
    await renderPort({ quality });
    return within(rowOf('quality'));
  }

  it('shows quality as unknown, and which rules went unreported, while one was not measured', async () => {
    const quality = await renderQuality({
      status: 'unknown',
      measuredAt: completedRun.endedAt,
      rules: [
        {
          column: 'email',
          metric: 'nullRate',
          max: 0.01,
          value: 0,
          status: 'met',
        },
        {
          column: 'customer_id',
          metric: 'nullRate',
          max: 0.01,
          status: 'unknown',
        },
      ],
      failedAssertions: [],
    });
    expect(quality.getByText('unknown')).toBeInTheDocument();
    expect(
      quality.getByText('1 of 2 rules met; not measured: customer_id nullRate'),
    ).toBeInTheDocument();
  });

  it('counts one rule met in the singular', async () => {
    const quality = await renderQuality({
      status: 'met',
      measuredAt: completedRun.endedAt,
      rules: [
        {
          column: 'email',
          metric: 'nullRate',
          max: 0.01,
          value: 0,
          status: 'met',
        },
      ],
      failedAssertions: [],
    });
    expect(quality.getByText('1 of 1 rule met')).toBeInTheDocument();
  });

  it('shows quality rules declared but never reported as unknown, by name', async () => {
    const quality = await renderQuality({
      status: 'unknown',
      rules: [
        {
          column: 'customer_id',
          metric: 'nullRate',
          max: 0.001,
          status: 'unknown',
        },
      ],
      failedAssertions: [],
    });
    expect(quality.getByText('unknown')).toBeInTheDocument();
    expect(
      quality.getByText('not reported yet: customer_id nullRate'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('This product declares no measurable SLOs.'),
    ).not.toBeInTheDocument();
  });

  it('shows a quality report from before the SLO window as unknown, with when it came', async () => {
    const reported = slo.outputPorts[0].quality!;
    // As the backend sends it: its rules judge nothing.
    const quality = await renderQuality({
      ...reported,
      status: 'unknown',
      rules: reported.rules.map(rule => ({
        ...rule,
        status: 'unknown' as const,
      })),
      staleReportedAt: completedRun.endedAt,
    });
    expect(quality.getByText('unknown')).toBeInTheDocument();
    expect(
      quality.getByText(
        `last reported ${formatTime(
          completedRun.endedAt!,
        )}, before the SLO window`,
      ),
    ).toBeInTheDocument();
  });

  it('lists failed assertions by test name, with what each measured, and warnings without a breach', async () => {
    const notNull = {
      assertion: 'not_null',
      name: 'not_null_orders_id',
      column: 'id',
      actual: '3',
      expected: '0',
    };
    let quality = await renderQuality({
      status: 'breached',
      measuredAt: completedRun.endedAt,
      rules: [],
      failedAssertions: [
        {
          assertion: 'accepted_values',
          name: 'accepted_values_orders_status',
          column: 'status',
          severity: 'error',
          actual: 2,
        },
        // As a producer not naming its tests sends it.
        { assertion: 'unique', column: 'id' },
      ],
      warnedAssertions: [{ ...notNull, severity: 'warn' }],
    });
    expect(quality.getByText('breaching')).toBeInTheDocument();
    expect(
      quality.getByText(
        'accepted_values_orders_status (accepted_values on status) failed: 2, unique on id failed, not_null_orders_id (not_null on id) warned: 3 (expected 0)',
      ),
    ).toBeInTheDocument();

    cleanup();
    quality = await renderQuality({
      status: 'met',
      measuredAt: completedRun.endedAt,
      rules: [],
      failedAssertions: [],
      warnedAssertions: [{ ...notNull, severity: 'warn' }],
    });
    expect(quality.getByText('met')).toBeInTheDocument();
    expect(
      quality.getByText(
        'not_null_orders_id (not_null on id) warned: 3 (expected 0)',
      ),
    ).toBeInTheDocument();
    expect(
      quality.queryByText('Reported by the latest successful run'),
    ).toBeNull();
  });

  it("names the card's window, and freshness's when it is another", async () => {
    await renderPort({
      freshness: { ...slo.outputPorts[0].freshness!, windowMs: 90 * DAY },
    });
    expect(
      within(rowOf('freshness')).getByText('85.7% of 90% objective, over 90d'),
    ).toBeInTheDocument();

    cleanup();
    await renderLineage(<ProductSloCard />, {
      entity: ordersProduct,
      lineageApi: lineageApi({
        slo: async () => ({ ...slo, windowMs: 6 * HOUR }),
      }),
    });
    expect(
      await screen.findByText(`Measured ${formatTime(slo.measuredAt)} over 6h`),
    ).toBeInTheDocument();
  });

  it('blames no failed run older than the last successful write, nor any run while fresh now', async () => {
    const measured = slo.outputPorts[0].freshness!;
    // Written successfully after the failed run, and not since.
    const written = '2026-03-02T05:00:00.000Z';
    await renderPort({
      freshness: { ...measured, lastSuccessfulWrite: written },
    });
    let freshness = within(rowOf('freshness'));
    expect(
      freshness.getByText(`No successful write since ${formatTime(written)}`),
    ).toBeInTheDocument();
    expect(freshness.queryByText('Latest failed run')).toBeNull();

    cleanup();
    await renderPort({
      freshness: { ...measured, status: 'met', ageMs: HOUR },
    });
    freshness = within(rowOf('freshness'));
    expect(freshness.getByText('breaching')).toBeInTheDocument();
    expect(
      freshness.getByText(
        'Fresh now; stale for too long earlier in the window',
      ),
    ).toBeInTheDocument();
  });

  it("blames a breach on runs of the port's own jobs, not another port's", async () => {
    // Newer than anything of orders_etl's.
    const linesFailed = {
      ...failedRun,
      runId: '5e1d9c3a-2b4f-4e6a-8d7c-9f0a1b2c3d4e',
      startedAt: '2026-03-02T05:00:00.000Z',
      endedAt: '2026-03-02T05:01:00.000Z',
      firstEventAt: '2026-03-02T05:00:00.000Z',
      errorMessage: 'disk full',
    };
    const linesComplete = {
      ...completedRun,
      runId: '9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      startedAt: '2026-03-02T05:30:00.000Z',
      endedAt: '2026-03-02T05:40:00.000Z',
      firstEventAt: '2026-03-02T05:30:00.000Z',
    };
    await renderPort(
      { volume: { ...slo.outputPorts[0].volume!, status: 'breached' } },
      {
        graph: graphWithOrderLinesJob,
        runs: async (id, limit) =>
          id === ORDER_LINES_JOB_ID
            ? [linesComplete, linesFailed]
            : ordersRunsApi.runs(id, limit),
      },
    );

    const freshness = within(rowOf('freshness'));
    expect(
      freshness.getByText(/^orders_etl run 7f3c2a10, fail/),
    ).toBeInTheDocument();
    expect(freshness.queryByText(/order_lines_etl/)).toBeNull();
    const volume = within(rowOf('volume'));
    expect(
      volume.getByText(/^orders_etl run 0a9b8c7d, complete/),
    ).toBeInTheDocument();
    expect(volume.queryByText(/order_lines_etl/)).toBeNull();
  });

  it('says since when a port never written successfully has been failing', async () => {
    const firstFailedWrite = '2026-03-01T06:00:00.000Z';
    await renderPort({
      freshness: {
        status: 'breached',
        maxDelayMs: DAY,
        firstFailedWrite,
        attainment: 0,
        windowMs: 28 * DAY,
        attainmentStatus: 'met',
      },
    });
    const freshness = within(rowOf('freshness'));
    expect(freshness.getByText('breaching')).toBeInTheDocument();
    expect(
      freshness.getByText(
        `never written, failing since ${formatTime(firstFailedWrite)} (max 1d)`,
      ),
    ).toBeInTheDocument();
    // orders_etl's failed run, after the port was first seen.
    expect(freshness.getByText('Latest failed run')).toBeInTheDocument();
  });

  it('measures again every minute while shown', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      let measuredAt = slo.measuredAt;
      await renderLineage(<ProductSloCard />, {
        entity: ordersProduct,
        lineageApi: lineageApi({ slo: async () => ({ ...slo, measuredAt }) }),
      });
      const subheader = (at: string) => `Measured ${formatTime(at)}`;
      expect(
        await screen.findByText(subheader(measuredAt), { exact: false }),
      ).toBeInTheDocument();
      const first = measuredAt;
      measuredAt = '2026-03-02T06:01:00.000Z';
      act(() => {
        jest.advanceTimersByTime(REFRESH_MS);
      });
      expect(
        await screen.findByText(subheader(measuredAt), { exact: false }),
      ).toBeInTheDocument();
      expect(
        screen.queryByText(subheader(first), { exact: false }),
      ).not.toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps the last measurement, with a warning, when a refresh fails', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      let calls = 0;
      await renderLineage(<ProductSloCard />, {
        entity: ordersProduct,
        lineageApi: lineageApi({
          slo: async () => {
            calls += 1;
            if (calls > 1) throw new Error('Request failed with 503');
            return slo;
          },
        }),
      });
      await screen.findByRole('table', { name: 'SLO status' });
      act(() => {
        jest.advanceTimersByTime(REFRESH_MS);
      });
      expect(
        await screen.findByText(
          `The latest refresh failed: Request failed with 503. The figures below were measured ${formatTime(
            slo.measuredAt,
          )}.`,
        ),
      ).toBeInTheDocument();
      expect(calls).toBe(2);
      // Header plus freshness, volume, schema and quality, as first measured.
      expect(screen.getAllByRole('row')).toHaveLength(5);
      expect(
        within(rowOf('freshness')).getByText('breaching'),
      ).toBeInTheDocument();
      expect(
        screen.getByText(`Measured ${formatTime(slo.measuredAt)} over 28 days`),
      ).toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });

  it("shows no other product's measurement when this one's fails", async () => {
    const revenue = {
      ...ordersProduct,
      metadata: { ...ordersProduct.metadata, name: 'revenue' },
    };
    renderLineage(
      <EntityPageSwitching first={ordersProduct} next={revenue}>
        <ProductSloCard />
      </EntityPageSwitching>,
      {
        lineageApi: lineageApi({
          slo: async ref => {
            if (ref === 'dataproduct:default/revenue') {
              throw new Error('Marquez is unreachable');
            }
            return slo;
          },
        }),
      },
    );
    await screen.findByRole('table', { name: 'SLO status' });

    fireEvent.click(screen.getByRole('button', { name: 'Open next' }));
    expect(
      (await screen.findAllByText(/Marquez is unreachable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByText(/The latest refresh failed/)).toBeNull();
  });

  it('says when the product declares no measurable SLO', async () => {
    await renderLineage(<ProductSloCard />, {
      entity: ordersProduct,
      lineageApi: lineageApi({
        slo: async () => ({
          ...slo,
          outputPorts: [
            { name: 'orders', dataset: ORDERS_DATASET, observed: true },
          ],
        }),
      }),
    });
    expect(
      await screen.findByText('This product declares no measurable SLOs.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('still shows the SLOs when the runs behind them cannot be loaded', async () => {
    await renderLineage(<ProductSloCard />, {
      entity: ordersProduct,
      lineageApi: lineageApi({
        runs: async () => {
          throw new Error('runs are unavailable');
        },
      }),
    });
    await screen.findByRole('table', { name: 'SLO status' });
    expect(
      screen.getByText(
        'The runs behind any breach could not be loaded: runs are unavailable',
      ),
    ).toBeInTheDocument();
    const freshness = within(rowOf('freshness'));
    expect(freshness.getByText('breaching')).toBeInTheDocument();
    expect(freshness.queryByText('Latest failed run')).toBeNull();
  });

  it('still shows the SLOs when the runs fail with something other than an Error', async () => {
    await renderLineage(<ProductSloCard />, {
      entity: ordersProduct,
      lineageApi: lineageApi({
        runs: () => Promise.reject('connection reset'),
      }),
    });
    await screen.findByRole('table', { name: 'SLO status' });
    expect(
      screen.getByText(
        'The runs behind any breach could not be loaded: connection reset',
      ),
    ).toBeInTheDocument();
  });

  it('shows the error when the SLOs cannot be measured', async () => {
    await renderLineage(<ProductSloCard />, {
      entity: ordersProduct,
      lineageApi: lineageApi({
        slo: async () => {
          throw new Error('Marquez is unreachable');
        },
      }),
    });
    expect(
      (await screen.findAllByText(/Marquez is unreachable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
